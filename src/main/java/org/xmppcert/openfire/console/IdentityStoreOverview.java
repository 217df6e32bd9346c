package org.xmppcert.openfire.console;

import java.security.KeyStoreException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import javax.security.auth.x500.X500Principal;

import org.jivesoftware.openfire.keystore.CertificateStoreConfiguration;
import org.jivesoftware.openfire.keystore.CertificateStoreManager;
import org.jivesoftware.openfire.keystore.IdentityStore;
import org.jivesoftware.openfire.spi.ConnectionType;
import org.xmppcert.core.keys.KeyType;

/**
 * What the status page shows: the server's XMPP domain and the certificates in each of its
 * identity stores, read once at a moment in time. Openfire gives every connection type its own
 * identity store, but by default they all point at the same file, so stores are listed once per
 * configuration together with the connection types that use them. Getters are JavaBean style
 * because the admin console's JSP expression language cannot call record accessors.
 */
public final class IdentityStoreOverview {

    private final String xmppDomain;
    private final List<Store> stores;
    private final Instant staleAt;

    private IdentityStoreOverview(String xmppDomain, List<Store> stores, Instant staleAt) {
        this.xmppDomain = xmppDomain;
        this.stores = List.copyOf(stores);
        this.staleAt = staleAt;
    }

    /**
     * Reads every identity store the server uses.
     *
     * @param now           the moment the validity of each certificate is judged at
     * @param expiryWarning how long before its expiry a certificate is shown as expiring soon
     */
    public static IdentityStoreOverview read(String xmppDomain, CertificateStoreManager storeManager, Instant now,
                                             Duration expiryWarning) {
        Map<CertificateStoreConfiguration, List<ConnectionType>> typesByStore = new LinkedHashMap<>();
        Map<CertificateStoreConfiguration, IdentityStore> storesByConfiguration = new LinkedHashMap<>();
        List<ConnectionType> typesWithoutStore = new ArrayList<>();
        for (ConnectionType type : ConnectionType.values()) {
            IdentityStore store = storeManager.getIdentityStore(type);
            if (store == null) {
                typesWithoutStore.add(type);
                continue;
            }
            storesByConfiguration.putIfAbsent(store.getConfiguration(), store);
            typesByStore.computeIfAbsent(store.getConfiguration(), configuration -> new ArrayList<>()).add(type);
        }

        List<Store> stores = new ArrayList<>();
        storesByConfiguration.forEach((configuration, store) ->
                stores.add(Store.read(store, typesByStore.get(configuration), now, expiryWarning)));
        if (!typesWithoutStore.isEmpty()) {
            stores.add(Store.unreadable(typesWithoutStore, null));
        }
        Instant staleAt = stores.stream()
                .flatMap(store -> store.certificates.stream())
                .map(certificate -> certificate.nextValidityChangeAfter(now, expiryWarning))
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder())
                .orElse(Instant.MAX);
        return new IdentityStoreOverview(xmppDomain, stores, staleAt);
    }

    public String getXmppDomain() {
        return xmppDomain;
    }

    public List<Store> getStores() {
        return stores;
    }

    /**
     * The dNSName entries of the certificates valid at the time of reading in the store that
     * serves {@code type}: the names its peers can be shown a good certificate for. An expired
     * certificate covers nothing, whatever its names.
     */
    public Set<String> coveredNames(ConnectionType type) {
        Set<String> names = new LinkedHashSet<>();
        stores.stream()
                .filter(store -> store.connectionTypes.contains(type.name()))
                .flatMap(store -> store.certificates.stream())
                .filter(certificate -> certificate.validity == Validity.VALID
                        || certificate.validity == Validity.EXPIRES_SOON)
                .forEach(certificate -> names.addAll(certificate.names));
        return names;
    }

    /**
     * Whether some certificate's {@link Validity} has changed by {@code now}, so this overview no
     * longer tells the truth even though no store has changed.
     */
    public boolean isStaleAt(Instant now) {
        return !now.isBefore(staleAt);
    }

    /** One identity store, with the connection types that use it. */
    public static final class Store {

        private final List<String> connectionTypes;
        private final String file;
        private final List<Certificate> certificates;
        private final boolean readable;

        private Store(List<ConnectionType> connectionTypes, String file, List<Certificate> certificates,
                      boolean readable) {
            this.connectionTypes = connectionTypes.stream().map(ConnectionType::name).toList();
            this.file = file;
            this.certificates = List.copyOf(certificates);
            this.readable = readable;
        }

        private static Store read(IdentityStore store, List<ConnectionType> connectionTypes, Instant now,
                                  Duration expiryWarning) {
            String file = String.valueOf(store.getConfiguration().getFile());
            try {
                List<Certificate> certificates = store.getAllCertificates().entrySet().stream()
                        .map(entry -> Certificate.of(entry.getKey(), entry.getValue(), now, expiryWarning))
                        .sorted(Comparator.comparing(Certificate::getAlias))
                        .toList();
                return new Store(connectionTypes, file, certificates, true);
            } catch (KeyStoreException e) {
                return unreadable(connectionTypes, file);
            }
        }

        private static Store unreadable(List<ConnectionType> connectionTypes, String file) {
            return new Store(connectionTypes, file, List.of(), false);
        }

        /** Names of the connection types (such as SOCKET_C2S) that use this store. */
        public List<String> getConnectionTypes() {
            return connectionTypes;
        }

        /** The store's file, or null when Openfire could not load the store at all. */
        public String getFile() {
            return file;
        }

        public List<Certificate> getCertificates() {
            return certificates;
        }

        /** False when Openfire could not load the store, so its certificates are unknown. */
        public boolean isReadable() {
            return readable;
        }
    }

    /** Where a certificate stands on its validity period at the moment of reading. */
    public enum Validity {
        NOT_YET_VALID, VALID, EXPIRES_SOON, EXPIRED
    }

    /** One certificate entry of a store. */
    public static final class Certificate {

        private static final int DNS_NAME = 2;

        private final String alias;
        private final List<String> names;
        private final String issuer;
        private final String serialNumber;
        private final String keyType;
        private final boolean selfSigned;
        private final Instant notBefore;
        private final Instant notAfter;
        private final Validity validity;

        private Certificate(String alias, X509Certificate certificate, Instant now, Duration expiryWarning) {
            this.alias = alias;
            this.names = dnsNames(certificate);
            this.issuer = certificate.getIssuerX500Principal().getName(X500Principal.RFC2253);
            this.serialNumber = certificate.getSerialNumber().toString(16);
            this.keyType = KeyType.of(certificate.getPublicKey()).map(KeyType::label)
                    .orElse(certificate.getPublicKey().getAlgorithm());
            this.selfSigned = certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
            this.notBefore = certificate.getNotBefore().toInstant();
            this.notAfter = certificate.getNotAfter().toInstant();
            this.validity = validityAt(now, notBefore, notAfter, expiryWarning);
        }

        static Certificate of(String alias, X509Certificate certificate, Instant now, Duration expiryWarning) {
            return new Certificate(alias, certificate, now, expiryWarning);
        }

        /**
         * The dNSName entries of the subjectAltName: the names TLS clients check and Openfire
         * matches against its domain. The subject's common name is not one of them.
         */
        private static List<String> dnsNames(X509Certificate certificate) {
            try {
                Collection<List<?>> alternativeNames = certificate.getSubjectAlternativeNames();
                if (alternativeNames == null) {
                    return List.of();
                }
                return alternativeNames.stream()
                        .filter(name -> Integer.valueOf(DNS_NAME).equals(name.get(0)))
                        .map(name -> (String) name.get(1))
                        .toList();
            } catch (CertificateParsingException e) {
                return List.of();
            }
        }

        private static Validity validityAt(Instant now, Instant notBefore, Instant notAfter, Duration expiryWarning) {
            if (now.isBefore(notBefore)) {
                return Validity.NOT_YET_VALID;
            }
            if (!now.isBefore(notAfter)) {
                return Validity.EXPIRED;
            }
            return now.isBefore(notAfter.minus(expiryWarning)) ? Validity.VALID : Validity.EXPIRES_SOON;
        }

        /** The first moment after {@code now} at which {@link #getValidity()} changes, or null if never. */
        private Instant nextValidityChangeAfter(Instant now, Duration expiryWarning) {
            return Stream.of(notBefore, notAfter.minus(expiryWarning), notAfter)
                    .filter(now::isBefore)
                    .min(Comparator.naturalOrder())
                    .orElse(null);
        }

        public String getAlias() {
            return alias;
        }

        /** The DNS names the certificate is valid for. */
        public List<String> getNames() {
            return names;
        }

        /** The issuer's distinguished name. */
        public String getIssuer() {
            return issuer;
        }

        /** Lower-case hex, as CAs and revocation lists show it. */
        public String getSerialNumber() {
            return serialNumber;
        }

        /** Such as EC_P256 or RSA_2048 ({@link KeyType} names), or the key's algorithm for other keys. */
        public String getKeyType() {
            return keyType;
        }

        /** Issued by itself, as Openfire's generated certificates are: no client trusts it. */
        public boolean isSelfSigned() {
            return selfSigned;
        }

        /** The start of the validity period. */
        public Instant notBefore() {
            return notBefore;
        }

        /** The end of the validity period. */
        public Instant notAfter() {
            return notAfter;
        }

        /** The end of the validity period, as a {@link Date} because JSTL's formatDate takes only that. */
        public Date getNotAfter() {
            return Date.from(notAfter);
        }

        public Validity getValidity() {
            return validity;
        }
    }
}
