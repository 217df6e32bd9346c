package org.xmppcert.testing;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.xmppcert.core.tlscheck.HandshakeCheck;
import org.xmppcert.core.tlscheck.TlsEndpoint;
import org.xmppcert.core.tlscheck.TlsHandshakeProbe;
import org.xmppcert.openfire.install.KeystoreFileSync;
import org.xmppcert.openfire.install.LiveKeystoreInstaller;
import org.xmppcert.openfire.install.DurableCertificateCopy;

/**
 * Openfire's identity store as a fresh installation has it ({@code home/keystore} with a
 * self-signed certificate for the domain), served by a loopback direct-TLS listener that reads the
 * live store at each handshake: what the plugin's installer replaces and its handshake check sees.
 */
public final class ServedIdentityStore implements AutoCloseable {

    private final String domain;
    private final IdentityStore store;
    private final CertificateStoreManager storeManager = mock(CertificateStoreManager.class);
    private final LiveKeyStoreTlsServer listener;

    public ServedIdentityStore(Path home, String domain, char[] password) throws Exception {
        this.domain = domain;
        this.store = IdentityStoreFiles.withSelfSignedCertificate(home, domain, password);
        this.listener = new LiveKeyStoreTlsServer(store.getStore(), password, LiveKeyStoreTlsServer.Mode.DIRECT_TLS,
                domain);
        when(storeManager.getIdentityStore(any())).thenReturn(store);
        when(storeManager.backup()).thenAnswer(invocation -> List.of(store.backup()));
    }

    public IdentityStore store() {
        return store;
    }

    /** Openfire's store manager, handing out this store for every connection type. */
    public CertificateStoreManager storeManager() {
        return storeManager;
    }

    /** The listener, as a c2s direct-TLS endpoint for the domain. */
    public TlsEndpoint endpoint() {
        return new TlsEndpoint("c2s direct TLS", TlsEndpoint.Handshake.DIRECT_TLS, listener.host(), listener.port(),
                domain);
    }

    /** The plugin's installer for this store, checking the listener after each install; no HTTPS bind or admins to tell. */
    public LiveKeystoreInstaller installer(DurableCertificateCopy durableCopy) {
        return installer(durableCopy, endpoint(), Duration.ofSeconds(5));
    }

    /** The plugin's installer for this store, checking {@code checked} for at most {@code checkWait} after each install. */
    public LiveKeystoreInstaller installer(DurableCertificateCopy durableCopy, TlsEndpoint checked, Duration checkWait) {
        return new LiveKeystoreInstaller(storeManager, domain, new KeystoreFileSync(false, durableCopy), () -> { },
                () -> List.of(checked), new HandshakeCheck(new TlsHandshakeProbe(), checkWait, Duration.ofMillis(50)),
                () -> { }, message -> { });
    }

    /** The certificate a TLS client is shown now. */
    public X509Certificate presentedLeaf() throws Exception {
        return new TlsHandshakeProbe().presentedLeaf(endpoint(), Duration.ofSeconds(5));
    }

    @Override
    public void close() throws Exception {
        listener.close();
    }
}
