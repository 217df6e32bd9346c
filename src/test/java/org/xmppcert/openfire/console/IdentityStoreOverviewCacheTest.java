package org.xmppcert.openfire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.util.CertificateManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmppcert.openfire.console.IdentityStoreOverview.Certificate;
import org.xmppcert.openfire.console.IdentityStoreOverview.Validity;
import org.xmppcert.testing.IdentityStoreFiles;
import org.xmppcert.testing.TestCertificateAuthority;
import org.xmppcert.testing.TestCertificateAuthority.Issued;
import org.xmppcert.testing.TestClock;

class IdentityStoreOverviewCacheTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");
    private static final Duration WARNING = Duration.ofDays(30);
    private static final TestCertificateAuthority CA = TestCertificateAuthority.create("Overview", START);

    @TempDir
    Path directory;

    private final TestClock clock = new TestClock(START);
    private IdentityStore store;
    private IdentityStoreOverviewCache cache;

    @BeforeEach
    void serverWithOneCertificate() throws Exception {
        store = IdentityStoreFiles.create(directory.resolve("keystore"), PASSWORD, directory,
                Map.of("old", issue(START.plus(60, ChronoUnit.DAYS))));
        CertificateStoreManager storeManager = mock(CertificateStoreManager.class);
        when(storeManager.getIdentityStore(any())).thenReturn(store);
        cache = new IdentityStoreOverviewCache(clock,
                now -> IdentityStoreOverview.read("example.org", storeManager, now, WARNING));
    }

    @Test
    void showsTheSameOverviewWhileNothingChanges() {
        IdentityStoreOverview first = cache.current();
        clock.advance(Duration.ofDays(1));

        assertSame(first, cache.current());
    }

    @Test
    void showsANewCertificateOnceOpenfireReportsTheStoreChanged() throws Exception {
        assertEquals(List.of("old"), aliases());
        // What an installation does to the live store; Openfire then reloads it and fires the event.
        issue(START.plus(90, ChronoUnit.DAYS)).storeIn(store.getStore(), "new", PASSWORD);
        CertificateManager.addListener(cache);
        try {
            CertificateManager.fireCertificateStoreChanged(store);
        } finally {
            CertificateManager.removeListener(cache);
        }

        assertEquals(List.of("new", "old"), aliases());
    }

    @Test
    void marksACertificateAsExpiringSoonWhenItsWarningPeriodBegins() {
        assertEquals(Validity.VALID, onlyCertificate().getValidity());

        clock.advance(Duration.ofDays(30));

        assertEquals(Validity.EXPIRES_SOON, onlyCertificate().getValidity());
    }

    @Test
    void readsAgainWhenInvalidated() {
        IdentityStoreOverview first = cache.current();

        cache.invalidate();

        assertNotSame(first, cache.current());
    }

    private List<String> aliases() {
        return cache.current().getStores().get(0).getCertificates().stream().map(Certificate::getAlias).toList();
    }

    private Certificate onlyCertificate() {
        return cache.current().getStores().get(0).getCertificates().get(0);
    }

    private static Issued issue(Instant notAfter) {
        return CA.issueWithNewKey(List.of("example.org"), START.minus(1, ChronoUnit.DAYS), notAfter);
    }
}
