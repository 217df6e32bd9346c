package org.xmppcert.openfire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.acme.IssuanceProblem;
import org.xmppcert.core.challenge.TxtRecord;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.history.CertificateFacts;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.names.NamePolicy;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateSettings;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.service.CertificateStatus.CallToAction;
import org.xmppcert.openfire.service.CertificateStatus.LastAttempt;
import org.xmppcert.openfire.service.ClassicInstallReport;
import org.xmppcert.openfire.service.FailureReport;
import org.xmppcert.openfire.service.InstallReport;
import org.xmppcert.openfire.service.OrderProgress.NameProgress;
import org.xmppcert.openfire.service.OrderProgress.NameState;
import org.xmppcert.openfire.service.OrderProgress.Phase;
import org.xmppcert.openfire.service.Refusal;
import org.xmppcert.openfire.service.Sentence;
import org.xmppcert.testing.AdminConsoleContract;
import org.xmppcert.testing.ConsoleServer;
import org.xmppcert.testing.HeadlessChromium;
import org.xmppcert.testing.ScriptedCertificateService;
import org.xmppcert.testing.TestCertificateAuthority;

/**
 * The console's precompiled pages in a Jetty that keeps Openfire's admin-console contract, walked
 * in headless Chromium as an admin would, at 1280 and 800 px. The service behind them is scripted,
 * so each stage of a request can be shown and checked in turn; what the pages send back is checked
 * in the calls the service received. Every page is photographed to target/screenshots/.
 */
class ConsolePagesIT {

    private static final List<String> NAMES = List.of("example.org", "conference.example.org", "upload.example.org");
    private static final Instant NOW = Instant.now();
    private static final String CA_REASON = "urn:ietf:params:acme:error:dns: NXDOMAIN looking up TXT for"
            + " _acme-challenge.upload.example.org";

    private static ScriptedCertificateService service;
    private static ConsoleServer server;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        server = new ConsoleServer(new ScriptedCertificateService());
        chromium = new HeadlessChromium();
        browser = chromium.driver();
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void selfSignedCertificateInUse() {
        service = new ScriptedCertificateService();
        server.setService(service);
        server.setLocale(Locale.ENGLISH);
        chromium.setWidth(HeadlessChromium.WIDE);
        service.setSettings(acmeSettings(CaPreset.LETS_ENCRYPT_STAGING));
        service.setStatus(new CertificateStatus("example.org", NAMES, List.of(new CertificateStatus.StoreStatus(
                "resources/security/keystore", List.of("SOCKET_C2S", "SOCKET_S2S", "BOSH_C2S", "WEBADMIN"),
                Optional.of(new CertificateStatus.CertificateInUse("1f", List.of("example.org"), "CN=example.org",
                        "EC P-256", NOW.minus(2, ChronoUnit.DAYS), NOW.plus(363, ChronoUnit.DAYS), 363, true,
                        List.of("conference.example.org", "upload.example.org"))),
                List.of(new CertificateStatus.StoredCertificate("example.org_ec", List.of("example.org"), "CN=example.org",
                                NOW.plus(363, ChronoUnit.DAYS)),
                        new CertificateStatus.StoredCertificate("old.example.net", List.of("old.example.net"),
                                "CN=R10, O=Let's Encrypt", NOW.minus(20, ChronoUnit.DAYS))))),
                Optional.empty(), Optional.of(new LastAttempt(LastAttempt.Outcome.FAILED,
                        NOW.minus(3, ChronoUnit.HOURS), "scheduler", List.of(Sentence.of("failure.recorded", CA_REASON)))),
                List.of(CallToAction.noCaSignedCertificate("example.org"),
                        CallToAction.namesNotCovered(List.of("conference.example.org", "upload.example.org")),
                        CallToAction.lastAttemptFailed(List.of(Sentence.of("failure.recorded", CA_REASON))), CallToAction.agreeToTerms())));
    }

    @Test
    void theStatusShowsTheDomainAndEveryCertificateInTheStoreByAlias() {
        browser.get(server.url("certificates.jsp"));

        assertEquals("example.org", browser.findElement(By.id("cm-xmpp-domain")).getText());
        assertEquals(List.of("example.org_ec", "old.example.net"), browser.findElements(By.cssSelector(".cm-contents .cm-alias"))
                .stream().map(WebElement::getText).toList());
        assertTrue(browser.findElement(By.cssSelector(".cm-contents")).getText().contains("CN=R10, O=Let's Encrypt"));
    }

    @Test
    void theStatusSaysWhatIsWrongAndOffersTheFix() {
        browser.get(server.url("certificates.jsp"));

        WebElement verdict = browser.findElement(By.id("cm-verdict"));
        assertTrue(verdict.getText().contains("Something needs your attention."), verdict.getText());
        assertTrue(verdict.getText().contains("There is no CA-signed certificate for example.org yet"),
                verdict.getText());
        assertTrue(verdict.getText().contains("does not cover conference.example.org, upload.example.org"));
        assertTrue(verdict.getText().contains("The last attempt failed: " + CA_REASON),
                "the CA's words stay as they are");
        assertTrue(verdict.getText().contains("Agree to the CA's terms of service"), verdict.getText());
        String lastAttempt = browser.findElement(By.id("cm-last-attempt")).getText();
        assertTrue(lastAttempt.startsWith("Failed on "), lastAttempt);
        assertTrue(lastAttempt.endsWith(", started automatically: " + CA_REASON), lastAttempt);
        String store = browser.findElement(By.className("cm-store")).getText();
        assertTrue(store.contains("Self-signed"), store);
        assertTrue(store.contains("EC P-256"), store);
        assertTrue(store.contains("363 days left"), store);
        assertEquals(List.of("conference.example.org", "upload.example.org"),
                browser.findElements(By.className("cm-missing")).stream().map(WebElement::getText).toList());
        assertTrue(store.contains("client connections (c2s), server-to-server (s2s), BOSH and WebSocket, admin console"),
                store);
        photograph("status");

        browser.findElement(By.id("cm-request-now")).click();

        chromium.await(ExpectedConditions.urlContains("certificate-request.jsp?ticket="));
        assertTrue(service.calls.contains("requestCertificate " + ConsoleServer.ADMIN), service.calls.toString());
    }

    /**
     * Openfire's console loads Bootstrap 4 ahead of a plugin's stylesheet; its base rules make a legend
     * a 1.5rem heading and every code element pink. Under them the settings' field names must stay field
     * names, and the names a certificate lacks must still look different from the ones it has.
     */
    @Test
    void underOpenfiresConsoleStylesFieldNamesAndMissingNamesKeepTheirLook() {
        browser.get(server.url("certificate-settings.jsp"));
        addOpenfireConsoleBaseStyles();
        String legendSize = css(browser.findElement(By.cssSelector("fieldset.cm-field > legend")), "font-size");
        assertEquals(css(browser.findElement(By.cssSelector(".cm-field > label")), "font-size"), legendSize);

        browser.get(server.url("certificates.jsp"));
        addOpenfireConsoleBaseStyles();
        assertNotEquals(css(browser.findElement(By.cssSelector("#cm-xmpp-domain code")), "color"),
                css(browser.findElement(By.className("cm-missing")), "color"));
        // Openfire's stylesheet draws its message boxes only around a table: the plugin draws its own.
        assertNotEquals("rgba(0, 0, 0, 0)", css(browser.findElement(By.id("cm-verdict")), "background-color"));
    }

    /**
     * As Openfire's decorator shows a page: without the page's body element (and so without its
     * standalone look), after Bootstrap 4.0's reboot rules for legend and code, which come before
     * the page's own stylesheet.
     */
    private static void addOpenfireConsoleBaseStyles() {
        chromium.script("document.body.classList.remove('cm-standalone')");
        chromium.script("document.head.insertAdjacentHTML('afterbegin', '<style>"
                + "legend{display:block;width:100%;max-width:100%;padding:0;margin-bottom:.5rem;font-size:1.5rem;"
                + "line-height:inherit;color:inherit;white-space:normal}"
                + "code{font-size:87.5%;color:#e83e8c;word-break:break-word}</style>')");
    }

    private static String css(WebElement element, String property) {
        return element.getCssValue(property);
    }

    @Test
    void allIsWellIsSaidPlainly() {
        service.setStatus(new CertificateStatus("example.org", NAMES, List.of(new CertificateStatus.StoreStatus(
                "resources/security/keystore", List.of("SOCKET_C2S"),
                Optional.of(new CertificateStatus.CertificateInUse("2a", NAMES, "CN=(STAGING) Ersatz Edamame E1",
                        "EC P-256", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(89, ChronoUnit.DAYS), 89, false,
                        List.of())))),
                Optional.of(NOW.plus(59, ChronoUnit.DAYS)), Optional.of(new LastAttempt(LastAttempt.Outcome.RENEWED,
                        NOW.minus(1, ChronoUnit.DAYS), ConsoleServer.ADMIN, List.of())), List.of()));

        browser.get(server.url("certificates.jsp"));

        assertTrue(browser.findElement(By.id("cm-verdict")).getText().startsWith("All is well"));
        assertTrue(browser.findElement(By.className("cm-store")).getText().contains("Covers every name the server needs."));
        assertFalse(browser.findElement(By.id("cm-next-renewal")).getText().isBlank());
        String lastAttempt = browser.findElement(By.id("cm-last-attempt")).getText();
        assertTrue(lastAttempt.startsWith("Renewed on "), lastAttempt);
        assertTrue(lastAttempt.endsWith(", started by " + ConsoleServer.ADMIN), lastAttempt);
        photograph("status-all-well");
    }

    @Test
    void settingsAreCheckedFieldByFieldAndNothingIsSavedUntilAllIsRight() {
        browser.get(server.url("certificate-settings.jsp"));
        new Select(browser.findElement(By.id("ca"))).selectByValue("ZEROSSL");
        assertTrue(browser.findElement(By.id("eabKeyId")).isDisplayed(), "ZeroSSL needs EAB, so its fields show");
        type("contactEmail", "admin at example.org");
        type("checkIntervalHours", "0");
        type("warningDays", "14, seven");
        type("includeNames", "web.example.org\nbad_name!");
        submit("cm-save");

        assertTrue(browser.findElement(By.id("cm-form-problems")).getText().contains("Nothing was saved"));
        assertEquals("This CA needs the key ID from your account with it.", error("eabKeyId"));
        assertEquals("This CA needs the HMAC key from your account with it.", error("eabHmacKey"));
        assertEquals("Enter an email address such as admin@example.org, or leave the field empty.", error("contactEmail"));
        assertEquals("Enter a whole number of hours from 1 to 168.", error("checkIntervalHours"));
        assertEquals("Enter whole numbers of days from 1 to 90, separated by commas.", error("warningDays"));
        assertEquals("Not a DNS name: bad_name!", error("includeNames"));
        assertEquals("admin at example.org", browser.findElement(By.id("contactEmail")).getAttribute("value"),
                "what was typed is kept");
        assertTrue(service.calls.stream().noneMatch(call -> call.startsWith("saveSettings")));
        photograph("settings-errors");

        type("contactEmail", "admin@example.org");
        type("checkIntervalHours", "12");
        type("warningDays", "14, 7");
        type("includeNames", "web.example.org");
        type("eabKeyId", "kid-1");
        type("eabHmacKey", "c2VjcmV0LWhtYWMta2V5");
        submit("cm-save");

        assertEquals("The settings are saved.", browser.findElement(By.className("cm-notice")).getText());
        assertTrue(service.calls.contains("saveSettings admin ZEROSSL"), service.calls.toString());
        assertEquals(CaPreset.ZEROSSL, service.settings().ca());
        assertEquals(List.of(14, 7), service.settings().warningDays());
        assertEquals("", browser.findElement(By.id("eabHmacKey")).getAttribute("value"));
        assertFalse(browser.getPageSource().contains("c2VjcmV0LWhtYWMta2V5"), "a saved secret is never shown");
        assertTrue(browser.findElement(By.id("eabHmacKey-state")).getText().startsWith("A key is saved."));
        photograph("settings");
    }

    @Test
    void problemsTheServiceFindsAreShownBesideTheirFields() {
        service.setSaveProblems(Map.of("customDirectory", Sentence.of("settings.error.customDirectory")));
        try {
            browser.get(server.url("certificate-settings.jsp"));
            new Select(browser.findElement(By.id("ca"))).selectByValue("CUSTOM");
            type("customDirectory", "https://ca.example.net/acme/directory");
            submit("cm-save");

            assertEquals("Enter the https:// URL of the CA's ACME directory.", error("customDirectory"));
        } finally {
            service.setSaveProblems(Map.of());
        }
    }

    @Test
    void theAcmeWizardFollowsTheOrderWithoutReloading() {
        browser.get(server.url("certificate-request.jsp"));
        assertEquals("example.org, conference.example.org, upload.example.org",
                browser.findElement(By.id("cm-request-names")).getText());
        browser.findElement(By.id("cm-start")).click();
        chromium.await(ExpectedConditions.urlContains("ticket="));
        String ticket = service.lastTicket();
        assertEquals(List.of("Pending", "Pending", "Pending"), states());
        chromium.script("window.cmSamePage = true;");

        service.advance(ticket, Phase.AWAITING_DNS_RECORDS, names(NameState.PENDING, NameState.PENDING,
                NameState.PENDING), List.of(new TxtRecord("example.org", "gfj9Xq-Lm2eHZxQ5lDh3ZSH8u2ZE3Y5w1dW1yWb9aXk"),
                new TxtRecord("conference.example.org", "Q2-uT7yHkL0aPz1mN3bVcXw8eR5tY6uI9oP0aSdFgHj")), null, null);
        WebElement dns = chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("cm-dns")));
        assertTrue(dns.getText().contains("_acme-challenge.conference.example.org"), dns.getText());
        assertTrue(dns.getText().contains("Q2-uT7yHkL0aPz1mN3bVcXw8eR5tY6uI9oP0aSdFgHj"));
        assertEquals("Waiting for you to create the DNS records", browser.findElement(By.id("cm-phase")).getText());
        WebElement copy = dns.findElements(By.className("cm-copy")).get(1);
        copy.click();
        chromium.await(driver -> copy.getText().equals("Copied"));
        assertEquals(Boolean.TRUE, chromium.script("return window.cmSamePage === true;"), "the page was not reloaded");
        photograph("request-dns");

        WebElement confirm = browser.findElement(By.id("cm-dns-confirm"));
        confirm.click();
        chromium.awaitGone(confirm);
        chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("cm-names")));
        assertTrue(service.calls.contains("confirmDnsRecords admin " + ticket), service.calls.toString());
        chromium.script("window.cmSamePage = true;");

        service.advance(ticket, Phase.VALIDATING, List.of(
                new NameProgress("example.org", NameState.VALID, Optional.empty()),
                new NameProgress("conference.example.org", NameState.ANSWERED, Optional.empty()),
                new NameProgress("upload.example.org", NameState.INVALID,
                        Optional.of("DNS problem: NXDOMAIN looking up TXT for _acme-challenge.upload.example.org"))),
                List.of(), null, null);
        chromium.await(driver -> states().equals(List.of("Valid", "Answered", "Invalid")));
        assertTrue(browser.findElement(By.id("cm-names")).getText().contains("NXDOMAIN looking up TXT"));
        assertFalse(browser.findElement(By.id("cm-dns")).isDisplayed());

        service.advance(ticket, Phase.DONE, names(NameState.VALID, NameState.VALID, NameState.VALID), List.of(), null,
                new InstallReport(InstallOutcome.Status.INSTALLED, Optional.of("AB:CD"), 1, 3, false, Optional.empty()));
        WebElement result = chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("cm-result")));
        assertTrue(result.getText().contains("Installed the certificate (SHA-256 AB:CD) in 1 identity store(s); 3"
                + " listener(s) present it. The keystore files will be written at the maintenance time"), result.getText());
        assertEquals("Done", browser.findElement(By.id("cm-phase")).getText());
        assertFalse(browser.findElement(By.id("cm-spinner")).isDisplayed());
        assertEquals(Boolean.TRUE, chromium.script("return window.cmSamePage === true;"), "the page was not reloaded");
        photograph("request-done");
    }

    @Test
    void aFailedOrderShowsTheCasReason() {
        browser.get(server.url("certificate-request.jsp"));
        browser.findElement(By.id("cm-start")).click();
        chromium.await(ExpectedConditions.urlContains("ticket="));

        service.advance(service.lastTicket(), Phase.FAILED, names(NameState.VALID, NameState.INVALID, NameState.VALID),
                List.of(), refusedByTheCa(IssuanceProblem.CONNECTION, "conference.example.org",
                        "urn:ietf:params:acme:error:connection: 203.0.113.5: Connection refused on port 80"), null);

        WebElement failure = chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("cm-failure")));
        assertEquals("The request failed: The CA could not connect to conference.example.org to validate it. Check that"
                + " port 80 (http-01) is open to the internet and forwarded to this server. Detail:"
                + " urn:ietf:params:acme:error:connection: 203.0.113.5: Connection refused on port 80", failure.getText());
        assertFalse(browser.findElement(By.id("cm-cancel")).isDisplayed());
    }

    @Test
    void theClassicFlowGivesTheCsrAndInstallsWhatTheCaReturned() throws Exception {
        service.setSettings(acmeSettings(CaPreset.CLASSIC));
        browser.get(server.url("certificates.jsp"));
        browser.findElement(By.id("cm-request-now")).click();

        WebElement request = chromium.await(ExpectedConditions.visibilityOfElementLocated(By.className("cm-classic")));
        String id = request.getAttribute("id").substring("request-".length());
        String csr = request.findElement(By.tagName("textarea")).getAttribute("value");
        assertTrue(csr.startsWith("-----BEGIN CERTIFICATE REQUEST-----"), csr);
        WebElement download = request.findElement(By.partialLinkText("Download the CSR"));
        assertEquals("example.org.csr", download.getAttribute("download"));
        assertTrue(download.getAttribute("href").startsWith("data:application/pkcs10;base64,"));
        List<String> mailboxes = request.findElements(By.cssSelector(".cm-mailboxes li")).stream()
                .map(WebElement::getText).toList();
        assertTrue(mailboxes.containsAll(List.of("hostmaster@example.org", "postmaster@example.org",
                "webmaster@example.org")), mailboxes.toString());
        photograph("request-classic");

        browser.findElement(By.id("certificateText-" + id)).sendKeys("This is what the CA's mail said.");
        request.findElement(By.cssSelector("button[type=submit]")).click();

        assertEquals("The CA's answer is not a certificate: expected PEM, PKCS#7 or DER.",
                chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("error-certificate"))).getText());
        assertEquals("This is what the CA's mail said.",
                browser.findElement(By.id("certificateText-" + id)).getAttribute("value"), "the pasted text is kept");

        Path der = Files.createTempFile("issued", ".der");
        Files.write(der, TestCertificateAuthority.create("Classic", NOW)
                .issueWithNewKey(NAMES, NOW, NOW.plus(365, ChronoUnit.DAYS)).leaf().getEncoded());
        browser.findElement(By.id("certificateText-" + id)).clear();
        browser.findElement(By.cssSelector("#request-" + id + " input[type=file]")).sendKeys(der.toString());
        chromium.await(driver -> !driver.findElement(By.id("certificateFile-" + id)).getAttribute("value").isEmpty());
        browser.findElement(By.cssSelector("#request-" + id + " button[type=submit]")).click();

        chromium.await(ExpectedConditions.urlContains("certificates.jsp"));
        assertEquals("Installed the certificate (SHA-256 AB:CD) in 1 identity store(s); 4 listener(s) present it. The"
                + " keystore files are written.", browser.findElement(By.className("cm-notice")).getText());
        assertTrue(service.calls.contains("acceptClassicCertificate admin " + id));
        Files.delete(der);

        browser.get(server.url("certificate-request.jsp"));
        assertTrue(browser.findElement(By.id("cm-classic-renewable")).getText().contains("example.org"));
        browser.findElement(By.id("cm-classic-renew")).click();
        WebElement renewal = chromium.await(ExpectedConditions.visibilityOfElementLocated(By.className("cm-classic")));
        assertNotEquals(id, renewal.getAttribute("id").substring("request-".length()));
        assertEquals(csr, renewal.findElement(By.tagName("textarea")).getAttribute("value"), "the saved CSR again");
        assertTrue(service.calls.contains("renewClassicRequest admin"));
    }

    @Test
    void historyCountsPerQuarterExportsCsvAndRevokesAfterConfirmation() throws Exception {
        CertificateFacts issued = CertificateFacts.of(List.of(TestCertificateAuthority.create("R10", NOW)
                .issueWithNewKey(NAMES, NOW.minus(10, ChronoUnit.DAYS), NOW.plus(80, ChronoUnit.DAYS)).leaf()));
        service.addHistory(new CertificateEvent(NOW.minus(10, ChronoUnit.DAYS), CertificateEventType.FAILED,
                CertificateEvent.SCHEDULER, NAMES, null, "=HYPERLINK(\"http://evil\") rate limited"));
        service.addHistory(new CertificateEvent(NOW.minus(10, ChronoUnit.DAYS), CertificateEventType.RENEWED,
                CertificateEvent.SCHEDULER, NAMES, issued, null));

        browser.get(server.url("certificate-history.jsp"));
        String table = browser.findElement(By.id("cm-history")).getText();
        assertTrue(table.contains("Automatic renewal"), table);
        assertTrue(table.contains(issued.serialNumber()), table);
        assertFalse(browser.findElement(By.id("cm-quarters")).getText().isBlank());
        chromium.setWidth(HeadlessChromium.NARROW);
        assertEquals(List.of(), namesBrokenAcrossLines("#cm-history code"), "at 800 px every name reads on one line");
        chromium.setWidth(HeadlessChromium.WIDE);
        photograph("history");

        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.uri("certificate-history-csv.jsp")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("certificate-history.csv"));
        assertTrue(csv.body().startsWith("time,event,started_by,names,serial_number"), csv.body());
        assertTrue(csv.body().contains(",RENEWED,scheduler,example.org conference.example.org upload.example.org,"
                + issued.serialNumber() + ","), csv.body());
        assertTrue(csv.body().contains(",\"'=HYPERLINK(\"\"http://evil\"\") rate limited\"\r\n"), csv.body());

        browser.findElement(By.cssSelector("a[href='certificate-revoke.jsp?serial=" + issued.serialNumber() + "']"))
                .click();
        assertEquals(issued.serialNumber(), browser.findElement(By.id("cm-revoke-serial")).getText());
        new Select(browser.findElement(By.id("reason"))).selectByValue("keyCompromise");
        photograph("revoke");
        submit("cm-revoke");

        assertEquals("Tick the box to confirm the revocation.", browser.findElement(By.id("cm-problem")).getText());
        assertTrue(service.calls.stream().noneMatch(call -> call.startsWith("revoke")), "nothing revoked unconfirmed");
        assertEquals("keyCompromise", new Select(browser.findElement(By.id("reason")))
                .getFirstSelectedOption().getAttribute("value"), "the chosen reason is kept");

        browser.findElement(By.id("confirmed")).click();
        submit("cm-revoke");

        chromium.await(ExpectedConditions.urlContains("certificate-history.jsp"));
        assertEquals("Certificate " + issued.serialNumber() + " is revoked.",
                browser.findElement(By.className("cm-notice")).getText());
        assertTrue(service.calls.contains("revoke admin " + issued.serialNumber() + " keyCompromise"));
        assertTrue(browser.findElement(By.id("cm-history")).getText().contains("Revoked"));
    }

    /** An install's detail carries a SHA-256 fingerprint, one long word: it must not push the table past a wide screen. */
    @Test
    void aLongDetailWrapsInsteadOfWideningTheHistory() {
        CertificateFacts issued = CertificateFacts.of(List.of(TestCertificateAuthority.create("R10", NOW)
                .issueWithNewKey(NAMES, NOW.minus(1, ChronoUnit.DAYS), NOW.plus(89, ChronoUnit.DAYS)).leaf()));
        service.addHistory(new CertificateEvent(NOW.minus(1, ChronoUnit.DAYS), CertificateEventType.ISSUED,
                ConsoleServer.ADMIN, NAMES, issued, "From the ACME CA at https://acme-staging-v02.api.letsencrypt.org/directory"
                + " Installed the certificate (SHA-256 ab:c5:d2:7f:ae:fc:80:d3:a2:59:bc:ac:f6:73:62:96:a7:77:83:03:3b:ee:"
                + "fa:68:af:2e:29:98:c0:fb:ee:d4) in 1 identity store(s)."));

        browser.get(server.url("certificate-history.jsp"));

        assertEquals(Boolean.TRUE, chromium.script("const box = document.getElementById('cm-history').parentElement;"
                + " return box.scrollWidth <= box.clientWidth;"));
    }

    @Test
    void aFormSentWithoutTheCsrfTokenIsRefused() throws Exception {
        browser.get(server.url("certificate-settings.jsp"));
        chromium.script("document.querySelector('#cm-settings input[name=csrf]').remove();");
        submit("cm-save");

        assertEquals(AdminConsoleContract.CSRF_FAILED, browser.findElement(By.className("cm-notice")).getText());
        assertTrue(service.calls.stream().noneMatch(call -> call.startsWith("saveSettings")));

        // A forged cross-site POST: the admin's session cookie rides along, the token cannot.
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        client.send(HttpRequest.newBuilder(server.uri("certificate-request.jsp")).build(),
                HttpResponse.BodyHandlers.discarding());
        for (String forged : List.of("action=start", "action=start&csrf=guessed")) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("certificate-request.jsp"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(forged)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, response.statusCode(), forged);
        }
        assertTrue(service.calls.stream().noneMatch(call -> call.startsWith("requestCertificate")), service.calls.toString());
    }

    @Test
    void aGetNeverChangesAnything() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (String page : List.of("certificate-request.jsp?action=start", "certificate-request.jsp?action=classicStart",
                "certificate-revoke.jsp?serial=1f&reason=keyCompromise&confirmed=true",
                "certificate-settings.jsp?ca=CUSTOM&customDirectory=https://evil.example/")) {
            assertEquals(200, client.send(HttpRequest.newBuilder(server.uri(page)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), page);
        }
        assertEquals(List.of(), service.calls);
    }

    @Test
    void textFromALinkIsShownAsTextNeverAsMarkup() throws Exception {
        String serial = "<img src=x onerror=alert(1)>";
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri(
                "certificate-revoke.jsp?serial=" + URLEncoder.encode(serial, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains(serial), "the serial from the link is never echoed as markup");
        assertTrue(page.body().contains("&lt;img src=x onerror=alert(1)&gt;"), "it is shown as text");
    }

    @Test
    void thePagesSpeakGermanAndFrench() {
        server.setLocale(Locale.GERMAN);
        browser.get(server.url("certificates.jsp"));
        assertTrue(browser.findElement(By.id("cm-verdict")).getText().contains("Etwas erfordert Ihre Aufmerksamkeit."));
        assertTrue(browser.findElement(By.className("cm-store")).getText().contains("Selbstsigniert"));
        String verdict = browser.findElement(By.id("cm-verdict")).getText();
        assertTrue(verdict.contains("Für example.org gibt es noch kein von einer Zertifizierungsstelle signiertes"
                + " Zertifikat"), verdict);
        assertTrue(verdict.contains("Der letzte Versuch ist fehlgeschlagen: " + CA_REASON), verdict);
        String lastAttempt = browser.findElement(By.id("cm-last-attempt")).getText();
        assertTrue(lastAttempt.matches("Fehlgeschlagen am \\d{2}\\.\\d{2}\\.\\d{4} um \\d{2}:\\d{2},"
                        + " automatisch gestartet: urn:ietf:.*"),
                "a German date: " + lastAttempt);
        photograph("status-de");
        browser.get(server.url("certificate-settings.jsp"));
        assertTrue(browser.findElement(By.id("cm-settings")).getText().contains("Zertifizierungsstelle"));
        photograph("settings-de");

        server.setLocale(Locale.FRENCH);
        browser.get(server.url("certificates.jsp"));
        assertTrue(browser.findElement(By.id("cm-verdict")).getText().contains("Quelque chose demande votre attention."));
        assertTrue(browser.findElement(By.className("cm-store")).getText().contains("Auto-signé"));
        assertTrue(browser.findElement(By.id("cm-verdict")).getText()
                .contains("Acceptez les conditions d’utilisation"));
        assertTrue(browser.findElement(By.id("cm-last-attempt")).getText().startsWith("Échec le "));
        photograph("status-fr");
    }

    @Test
    void whyARequestEndedAndWhyACertificateWasRefusedAreSaidInTheAdminsLanguage() throws Exception {
        server.setLocale(Locale.GERMAN);
        browser.get(server.url("certificate-request.jsp"));
        browser.findElement(By.id("cm-start")).click();
        chromium.await(ExpectedConditions.urlContains("ticket="));
        service.advance(service.lastTicket(), Phase.FAILED, names(NameState.VALID, NameState.VALID, NameState.INVALID),
                List.of(), refusedByTheCa(IssuanceProblem.UNAUTHORIZED, "upload.example.org",
                        "urn:ietf:params:acme:error:unauthorized: Invalid response from http://upload.example.org: 404"),
                null);
        String german = "Die Anforderung ist fehlgeschlagen: Die CA hat nicht anerkannt, dass dieser Server"
                + " upload.example.org kontrolliert. Prüfen Sie, ob der Name auf diesen Server zeigt (http-01) oder ob der"
                + " TXT-Eintrag stimmt (dns-01). Einzelheiten: urn:ietf:params:acme:error:unauthorized: Invalid response"
                + " from http://upload.example.org: 404";
        assertEquals(german, chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("cm-failure"))).getText(),
                "as the page's script shows it when the request ends");
        browser.navigate().refresh();
        assertEquals(german, browser.findElement(By.id("cm-failure")).getText(), "as the page shows it when loaded");

        server.setLocale(Locale.FRENCH);
        String failed = service.lastTicket();
        browser.get(server.url("certificate-request.jsp"));
        browser.findElement(By.id("cm-start")).click();
        chromium.await(driver -> driver.getCurrentUrl().contains("ticket=") && !service.lastTicket().equals(failed)
                && driver.getCurrentUrl().endsWith("ticket=" + service.lastTicket()));
        service.advance(service.lastTicket(), Phase.FAILED, names(NameState.PENDING, NameState.PENDING,
                NameState.PENDING), List.of(), FailureReport.cancelled(), null);
        assertEquals("La demande a échoué : La demande a été annulée.",
                chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("cm-failure"))).getText());

        server.setLocale(Locale.GERMAN);
        service.setSettings(acmeSettings(CaPreset.CLASSIC));
        service.setClassicRefusal(new Refusal(Sentence.of("classic.refused.MISSING_NAMES", "upload.example.org",
                "example.org, conference.example.org")));
        browser.get(server.url("certificate-request.jsp"));
        submit("cm-classic-start");
        WebElement request = chromium.await(ExpectedConditions.visibilityOfElementLocated(By.className("cm-classic")));
        String id = request.getAttribute("id").substring("request-".length());
        browser.findElement(By.id("certificateText-" + id)).sendKeys(TestCertificateAuthority.pem(
                TestCertificateAuthority.create("Classic", NOW).issueWithNewKey(NAMES.subList(0, 2), NOW,
                        NOW.plus(365, ChronoUnit.DAYS)).leaf()));
        request.findElement(By.cssSelector("button[type=submit]")).click();

        assertEquals("Das Zertifikat deckt upload.example.org nicht ab (es enthält example.org, conference.example.org)."
                + " Bitten Sie die CA um ein Zertifikat mit allen Namen der Anforderung.",
                chromium.await(ExpectedConditions.visibilityOfElementLocated(By.id("error-certificate"))).getText());
        assertEquals(1, service.pendingClassicRequests().size(), "the request stays pending");

        server.setLocale(Locale.FRENCH);
        service.setClassicRefusal(null);
        service.setClassicInstall(new ClassicInstallReport(new InstallReport(InstallOutcome.Status.ROLLED_BACK,
                Optional.empty(), 1, 0, false, Optional.of("port 5223: handshake_failure.")),
                List.of("CN=Stranger Intermediate,O=Test")));
        WebElement again = browser.findElement(By.id("certificateText-" + id));
        again.clear();
        again.sendKeys(TestCertificateAuthority.pem(TestCertificateAuthority.create("Classic", NOW)
                .issueWithNewKey(NAMES, NOW, NOW.plus(365, ChronoUnit.DAYS)).leaf()));
        WebElement install = browser.findElement(By.cssSelector("#request-" + id + " button[type=submit]"));
        install.click();
        chromium.awaitGone(install);

        List<WebElement> notices = browser.findElements(By.cssSelector("nav.cm-nav ~ div.cm-notice:not([id])"));
        assertEquals(List.of("Le certificat a été émis mais pas installé : port 5223: handshake_failure. Le certificat"
                        + " précédent a été remis en place.",
                "Ce certificat ne fait pas partie de la chaîne et a été écarté : CN=Stranger Intermediate,O=Test"),
                notices.stream().map(WebElement::getText).toList());
        assertEquals(List.of("jive-error cm-notice", "jive-warning cm-notice"),
                notices.stream().map(notice -> notice.getAttribute("class")).toList());
        assertEquals(1, service.pendingClassicRequests().size(), "a certificate that did not install leaves it pending");
    }

    private static FailureReport refusedByTheCa(IssuanceProblem problem, String name, String caDetail) {
        return new FailureReport(FailureReport.Kind.ISSUANCE, Optional.of(problem), List.of(name), Optional.of(caDetail),
                Optional.empty());
    }

    private static CertificateSettings acmeSettings(CaPreset ca) {
        return new CertificateSettings(ca, Optional.empty(), Optional.empty(), "hostmaster@example.org", true,
                Optional.empty(), KeyPolicy.DEFAULT, ChallengeType.DNS_01, Optional.empty(), NamePolicy.DEFAULT, false,
                true, java.time.Duration.ofHours(6), List.of(14, 7, 3, 1), true, false, java.time.LocalTime.of(3, 30));
    }

    private static List<NameProgress> names(NameState... states) {
        return java.util.stream.IntStream.range(0, NAMES.size())
                .mapToObj(i -> new NameProgress(NAMES.get(i), states[i], Optional.empty())).toList();
    }

    /** Read in one go by the page itself: the script replaces the rows while it follows the request. */
    @SuppressWarnings("unchecked")
    private static List<String> states() {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#cm-names .cm-state'))"
                + ".map(function (state) { return state.textContent; });");
    }

    /** The texts of the elements that the layout wraps onto more than one line. */
    @SuppressWarnings("unchecked")
    private static List<String> namesBrokenAcrossLines(String selector) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".filter(function (name) { return name.getClientRects().length > 1; })"
                + ".map(function (name) { return name.textContent; });", selector);
    }

    /** Sends a form and waits for the page that answers, which often has the same address. */
    private static void submit(String button) {
        WebElement sent = browser.findElement(By.id(button));
        sent.click();
        chromium.awaitGone(sent);
    }

    private static void type(String field, String text) {
        WebElement input = browser.findElement(By.id(field));
        input.clear();
        input.sendKeys(text);
    }

    private static String error(String field) {
        return browser.findElement(By.id("error-" + field)).getText();
    }

    /**
     * The page as it is now, at both widths; at the narrow one nothing may need a sideways scroll.
     * At 800 px the page sits where Openfire's decorator puts it: in a table cell beside the
     * sidebar, a cell that grows with whatever content refuses to shrink (found in a real Openfire,
     * where the history's table pushed the whole console sideways).
     */
    private static void photograph(String name) {
        chromium.screenshot(name + "-1280");
        chromium.setWidth(HeadlessChromium.NARROW);
        chromium.script(INTO_OPENFIRE_LAYOUT);
        chromium.screenshot(name + "-800");
        Object overflow = chromium.script("const page = document.documentElement;"
                + " return page.scrollWidth - page.clientWidth;");
        chromium.script(OUT_OF_OPENFIRE_LAYOUT);
        chromium.setWidth(HeadlessChromium.WIDE);
        assertEquals(0L, ((Number) overflow).longValue(), name + " at 800 px scrolls sideways by so many pixels");
    }

    /** Openfire's main.jsp: a full-width table, the sidebar's cell (1%, holding a 200 px menu), then the content's. */
    private static final String INTO_OPENFIRE_LAYOUT = """
            const frame = document.createElement('table');
            frame.id = 'cm-test-openfire-frame';
            frame.style.width = '100%';
            const row = frame.insertRow();
            const sidebar = row.insertCell();
            sidebar.style.width = '1%';
            sidebar.innerHTML = '<div style="width: 200px"></div>';
            const content = row.insertCell();
            while (document.body.firstChild) { content.appendChild(document.body.firstChild); }
            document.body.appendChild(frame);
            """;

    private static final String OUT_OF_OPENFIRE_LAYOUT = """
            const frame = document.getElementById('cm-test-openfire-frame');
            const content = frame.rows[0].cells[1];
            while (content.firstChild) { document.body.insertBefore(content.firstChild, frame); }
            frame.remove();
            """;
}
