package org.xmppcert.openfire.install;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.openfire.keystore.IdentityStore;

/**
 * What the server presents for its domain now: of the entries covering the domain, the one valid
 * longest. Its key, for admins who keep their key across renewals (a DANE or pinning setup), and
 * the whole bundle, for a cluster node catching up with the senior member.
 */
public final class DomainKey {

    private DomainKey() {
    }

    /** The key with its chain, as the store serves the domain now. */
    public static Optional<CertificateBundle> bundleInUse(IdentityStore store, String xmppDomain) {
        KeyStore keyStore = store.getStore();
        char[] password = store.getConfiguration().getPassword();
        try {
            Optional<String> alias = Collections.list(keyStore.aliases()).stream()
                    .filter(name -> isKeyEntryFor(keyStore, name, xmppDomain))
                    .max(Comparator.comparing(name -> leaf(keyStore, name).getNotAfter()));
            if (alias.isEmpty()) {
                return Optional.empty();
            }
            Key key = keyStore.getKey(alias.get(), password);
            if (!(key instanceof PrivateKey privateKey)) {
                return Optional.empty();
            }
            List<X509Certificate> chain = Arrays.stream(keyStore.getCertificateChain(alias.get()))
                    .map(X509Certificate.class::cast).toList();
            return Optional.of(CertificateBundle.of(privateKey, chain));
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean isKeyEntryFor(KeyStore keyStore, String alias, String xmppDomain) {
        try {
            return keyStore.isKeyEntry(alias) && leaf(keyStore, alias) != null
                    && DomainEntrySwap.coversDomain(leaf(keyStore, alias), xmppDomain);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509Certificate leaf(KeyStore keyStore, String alias) {
        try {
            Certificate certificate = keyStore.getCertificate(alias);
            return certificate instanceof X509Certificate x509 ? x509 : null;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
