package org.xmppcert.openfire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.csr.CertificateSigningRequest;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.testing.ConsoleServer;
import org.xmppcert.testing.HeadlessChromium;
import org.xmppcert.testing.PebbleBackedService;
import org.xmppcert.testing.TestCertificateAuthority;

/**
 * The console end to end: the plugin's own service behind the precompiled pages, Pebble as the CA,
 * and an admin in headless Chromium who clicks through the ACME wizard (http-01, then dns-01 with
 * the records created by hand) and the classic flow, and sees the certificate the server then
 * presents. Nothing between the browser and Pebble is scripted.
 */
class ConsolePebbleIT {

    @TempDir
    Path home;

    private PebbleBackedService backend;
    private ConsoleServer server;
    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        backend = new PebbleBackedService(home);
        server = new ConsoleServer(backend.service());
        chromium = new HeadlessChromium();
        browser = chromium.driver();
    }

    @AfterEach
    void stop() throws Exception {
        chromium.close();
        server.close();
        backend.close();
    }

    @Test
    void oneClickGetsACertificateFromPebbleAndTheStatusSaysAllIsWell() throws Exception {
        backend.use(CaPreset.CUSTOM, ChallengeType.HTTP_01);
        browser.get(server.url("certificates.jsp"));
        assertTrue(browser.findElement(By.id("cm-verdict")).getText().contains("Something needs your attention."));

        browser.findElement(By.id("cm-request-now")).click();
        chromium.await(ExpectedConditions.urlContains("ticket="));
        chromium.script("window.cmSamePage = true;");
        List<String> phasesSeen = new ArrayList<>();
        untilDone(phasesSeen);

        assertEquals(List.of("Valid", "Valid"), states());
        String result = browser.findElement(By.id("cm-result")).getText();
        assertTrue(result.startsWith("The certificate is installed."), result);
        assertEquals(Boolean.TRUE, chromium.script("return window.cmSamePage === true;"), "followed without reloading");
        assertTrue(phasesSeen.size() > 1, "the page showed the stages as they came: " + phasesSeen);
        X509Certificate presented = backend.presentedLeaf();
        assertTrue(presented.getIssuerX500Principal().getName().toLowerCase().contains("pebble"), presented.toString());
        chromium.screenshot("pebble-request-done-1280");

        browser.get(server.url("certificates.jsp"));
        String store = browser.findElement(By.className("cm-store")).getText();
        assertTrue(store.contains("Covers every name the server needs."), store);
        assertTrue(store.toLowerCase().contains("pebble"), store);
        chromium.screenshot("pebble-status-1280");

        browser.get(server.url("certificate-history.jsp"));
        String history = browser.findElement(By.id("cm-history")).getText();
        assertTrue(history.contains("Issued") && history.contains(ConsoleServer.ADMIN), history);
    }

    @Test
    void manualDnsRecordsShownOnThePageAreCreatedAndConfirmed() throws Exception {
        backend.use(CaPreset.CUSTOM, ChallengeType.DNS_01);
        browser.get(server.url("certificate-request.jsp"));
        browser.findElement(By.id("cm-start")).click();

        chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("cm-dns")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#cm-dns-records tbody tr"));
        assertEquals(2, rows.size());
        for (WebElement row : rows) {
            List<WebElement> codes = row.findElements(By.tagName("code"));
            backend.pebble().challTestSrv().setTxt(codes.get(0).getText(), codes.get(1).getText());
        }
        chromium.screenshot("pebble-request-dns-1280");
        WebElement confirm = browser.findElement(By.id("cm-dns-confirm"));
        confirm.click();
        chromium.awaitGone(confirm);

        untilDone(new ArrayList<>());
        assertEquals(List.of("Valid", "Valid"), states());
    }

    @Test
    void theClassicFlowTakesTheCsrToTheCaAndInstallsWhatItReturns() throws Exception {
        backend.use(CaPreset.CLASSIC, ChallengeType.HTTP_01);
        browser.get(server.url("certificate-request.jsp"));
        browser.findElement(By.id("cm-classic-start")).click();

        WebElement request = chromium.await(ExpectedConditions.visibilityOfElementLocated(By.className("cm-classic")));
        String id = request.getAttribute("id").substring("request-".length());
        String csr = request.findElement(By.tagName("textarea")).getAttribute("value");
        assertTrue(csr.startsWith("-----BEGIN CERTIFICATE REQUEST-----"), csr);
        assertTrue(request.getText().contains("hostmaster@example.org"));

        TestCertificateAuthority ca = backend.classicCa();
        byte[] der = Base64.getMimeDecoder().decode(csr.replaceAll("-----[A-Z ]+-----", ""));
        X509Certificate issued = ca.issue(new CertificateSigningRequest(der, List.of(PebbleBackedService.DOMAIN,
                "conference." + PebbleBackedService.DOMAIN)), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(90)));
        browser.findElement(By.id("certificateText-" + id)).sendKeys(TestCertificateAuthority.pem(issued, ca.intermediate()));
        request.findElement(By.cssSelector("button[type=submit]")).click();

        chromium.await(ExpectedConditions.urlContains("certificates.jsp"));
        String notice = browser.findElement(By.className("cm-notice")).getText();
        assertTrue(notice.startsWith("Installed the certificate (SHA-256 "), notice);
        assertEquals(issued, backend.presentedLeaf());
    }

    private void untilDone(List<String> phasesSeen) {
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(200)).until(driver -> {
            // Read by the page itself: a confirmation reloads it, which would leave an element reference stale.
            String phase = (String) chromium.script("var phase = document.getElementById('cm-phase');"
                    + " return phase ? phase.dataset.phase : null;");
            if (phasesSeen.isEmpty() || !phasesSeen.get(phasesSeen.size() - 1).equals(phase)) {
                phasesSeen.add(phase);
            }
            if ("FAILED".equals(phase)) {
                throw new AssertionError("The request failed: " + driver.findElement(By.id("cm-failure")).getText());
            }
            return "DONE".equals(phase);
        });
    }

    @SuppressWarnings("unchecked")
    private List<String> states() {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#cm-names .cm-state'))"
                + ".map(function (state) { return state.textContent; });");
    }
}
