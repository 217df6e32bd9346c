package org.xmppcert.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (packages {@code chromium} and
 * {@code chromium-driver}). Both paths are given explicitly, so Selenium Manager never looks for,
 * let alone downloads, a browser or driver; the profile is a fresh temporary directory, and
 * everything that would reach out to the network on its own is switched off.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final int WIDE = 1280;
    public static final int NARROW = 800;
    private static final int HEIGHT = 900;

    private final Path profile;
    private final ChromeDriver driver;

    public HeadlessChromium() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("Needs Debian's chromium and chromium-driver packages");
        }
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-default-apps", "--disable-extensions", "--lang=en-US",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        setWidth(WIDE);
    }

    public WebDriver driver() {
        return driver;
    }

    public void setWidth(int width) {
        driver.manage().window().setSize(new Dimension(width, HEIGHT));
    }

    /** Waits up to ten seconds for a condition on the page. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(100)).until(condition::apply);
    }

    /**
     * Waits until the page that held {@code element} is gone, after a click that submits a form or
     * follows a link. While Chromium swaps documents, asking about the old element can fail with
     * "does not belong to the document" instead of a stale-element error: both mean it is gone.
     */
    public void awaitGone(WebElement element) {
        await(driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException swapping) {
                if (String.valueOf(swapping.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw swapping;
            }
        });
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * Writes the whole page as it looks at the current width to {@code target/screenshots/<name>.png}:
     * the window is made as tall as the page for the shot, then given its usual height back.
     */
    public Path screenshot(String name) {
        int width = driver.manage().window().getSize().getWidth();
        long height = ((Number) script("return document.documentElement.scrollHeight")).longValue();
        driver.manage().window().setSize(new Dimension(width, (int) Math.max(HEIGHT, Math.min(height + 140, 6000))));
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(width, HEIGHT));
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }
}
