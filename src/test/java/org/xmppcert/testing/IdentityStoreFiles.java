package org.xmppcert.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jivesoftware.openfire.keystore.CertificateStoreConfigException;
import org.jivesoftware.openfire.keystore.CertificateStoreConfiguration;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.xmppcert.testing.TestCertificateAuthority.Issued;

/** Openfire identity stores in real PKCS#12 files, loaded as Openfire loads its own. */
public final class IdentityStoreFiles {

    private IdentityStoreFiles() {
    }

    /** Writes a PKCS#12 file holding each entry (alias to key and chain). */
    public static Path write(Path file, char[] password, Map<String, Issued> entries) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, password);
            entries.forEach((alias, issued) -> issued.storeIn(store, alias, password));
            store.store(out, password);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Openfire's identity store for an existing file, archiving replaced files into {@code archive}. */
    public static IdentityStore load(Path file, char[] password, Path archive) {
        try {
            return new IdentityStore(new CertificateStoreConfiguration("PKCS12", file.toFile(), password.clone(),
                    Files.createDirectories(archive).toFile()), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CertificateStoreConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new store file holding each entry, loaded by Openfire. */
    public static IdentityStore create(Path file, char[] password, Path archive, Map<String, Issued> entries) {
        return load(write(file, password, entries), password, archive);
    }

    /** The one certificate the store's file holds now, read from disk rather than from the live store. */
    public static X509Certificate leafOnDisk(IdentityStore identityStore, char[] password) {
        try (InputStream in = Files.newInputStream(identityStore.getConfiguration().getFile().toPath())) {
            KeyStore onDisk = KeyStore.getInstance("PKCS12");
            onDisk.load(in, password);
            List<String> aliases = Collections.list(onDisk.aliases());
            if (aliases.size() != 1) {
                throw new AssertionError("not one entry on disk: " + aliases);
            }
            return (X509Certificate) onDisk.getCertificate(aliases.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code home/keystore} as a fresh Openfire installation has it: a self-signed certificate for
     * {@code domain} under the alias {@code <domain>_self}, valid for a year; archives go to {@code home/backup}.
     */
    public static IdentityStore withSelfSignedCertificate(Path home, String domain, char[] password) {
        Instant now = Instant.now();
        return create(home.resolve("keystore"), password, home.resolve("backup"), Map.of(domain + "_self",
                TestCertificateAuthority.selfSigned(domain, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)))));
    }
}
