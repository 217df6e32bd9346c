package org.xmppcert.openfire.install;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.net.DNSUtil;
import org.jivesoftware.util.CertificateManager;
import org.xmppcert.core.tlscheck.CertificateFingerprint;

/**
 * Replaces the domain's entries in ONE identity store's live, in-memory {@link KeyStore}, and can
 * undo that exactly.
 *
 * <p>Why in memory and not through {@link IdentityStore#replaceCertificate}: that method persists
 * the file, the store watcher then reloads the store, and the reload event makes every socket
 * listener reconfigure, which closes established TLS sessions. Openfire builds the key manager of
 * each new handshake from this same shared {@code KeyStore} object, so changing it is enough for
 * new c2s, s2s, component and connection-manager handshakes to get the new certificate at once, and
 * nobody is dropped. Entries are removed with {@link KeyStore#deleteEntry}, never with
 * {@code CertificateStore.delete}, which persists as well.
 *
 * <p>The domain's old entries are those Openfire's own {@code replaceCertificate} removes: every
 * entry whose certificate asserts an identity covering the XMPP domain. Removing them is what stops
 * Openfire's expiry checker from warning about a certificate that is no longer used.
 *
 * <p>The new entry gets an alias derived from its fingerprint, not Openfire's {@code <domain>_<n>}
 * counter, which would hand a deleted alias out again; a key manager that cached the entry under
 * that alias could then serve the old key.
 */
final class DomainEntrySwap {

    private final IdentityStore store;
    private final String newAlias;
    private final Map<String, KeyStore.Entry> replaced;

    private DomainEntrySwap(IdentityStore store, String newAlias, Map<String, KeyStore.Entry> replaced) {
        this.store = store;
        this.newAlias = newAlias;
        this.replaced = replaced;
    }

    /**
     * Puts the bundle under a fresh alias, then removes the domain's other entries, remembering them.
     * If anything fails part-way, the store is put back as it was before the exception propagates.
     */
    static DomainEntrySwap apply(IdentityStore store, String xmppDomain, CertificateBundle bundle)
            throws GeneralSecurityException {
        KeyStore keyStore = store.getStore();
        char[] password = store.getConfiguration().getPassword();
        String alias = aliasFor(xmppDomain, bundle.leaf());
        // Handshakes read this KeyStore concurrently; Openfire's own store methods lock the store object.
        synchronized (store) {
            Map<String, KeyStore.Entry> replaced = snapshotDomainEntries(keyStore, password, xmppDomain);
            DomainEntrySwap swap = new DomainEntrySwap(store, alias, replaced);
            try {
                keyStore.setKeyEntry(alias, bundle.key(), password, bundle.chainArray());
                for (String old : replaced.keySet()) {
                    if (!old.equals(alias)) {
                        keyStore.deleteEntry(old);
                    }
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                swap.undo();
                throw e;
            }
            return swap;
        }
    }

    /** Removes the new entry and puts back the replaced ones, under their old aliases. */
    void undo() throws KeyStoreException {
        KeyStore keyStore = store.getStore();
        char[] password = store.getConfiguration().getPassword();
        synchronized (store) {
            if (!replaced.containsKey(newAlias) && keyStore.containsAlias(newAlias)) {
                keyStore.deleteEntry(newAlias);
            }
            for (Map.Entry<String, KeyStore.Entry> entry : replaced.entrySet()) {
                keyStore.setEntry(entry.getKey(), entry.getValue(), protectionFor(entry.getValue(), password));
            }
        }
    }

    IdentityStore store() {
        return store;
    }

    String newAlias() {
        return newAlias;
    }

    Set<String> replacedAliases() {
        return Collections.unmodifiableSet(replaced.keySet());
    }

    /** True when the store's in-memory content has an entry holding exactly this leaf. */
    static boolean holds(IdentityStore store, String xmppDomain, X509Certificate leaf) throws KeyStoreException {
        return leaf.equals(store.getStore().getCertificate(aliasFor(xmppDomain, leaf)));
    }

    static String aliasFor(String xmppDomain, X509Certificate leaf) {
        String fingerprint = CertificateFingerprint.sha256(leaf).replace(":", "");
        return xmppDomain + "_" + fingerprint.substring(0, 16);
    }

    private static Map<String, KeyStore.Entry> snapshotDomainEntries(KeyStore keyStore, char[] password, String domain)
            throws GeneralSecurityException {
        Map<String, KeyStore.Entry> entries = new LinkedHashMap<>();
        for (String alias : Collections.list(keyStore.aliases())) {
            Certificate certificate = keyStore.getCertificate(alias);
            if (certificate instanceof X509Certificate x509 && coversDomain(x509, domain)) {
                boolean keyEntry = keyStore.isKeyEntry(alias);
                entries.put(alias, keyStore.getEntry(alias, keyEntry ? new KeyStore.PasswordProtection(password) : null));
            }
        }
        return entries;
    }

    static boolean coversDomain(X509Certificate certificate, String domain) {
        return CertificateManager.getServerIdentities(certificate).stream()
                .anyMatch(identity -> DNSUtil.isNameCoveredByPattern(domain, identity));
    }

    private static KeyStore.ProtectionParameter protectionFor(KeyStore.Entry entry, char[] password) {
        return entry instanceof KeyStore.TrustedCertificateEntry ? null : new KeyStore.PasswordProtection(password);
    }
}
