package org.xmppcert.openfire.service;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.keys.KeyPolicy;
import org.xmppcert.core.names.NamePolicy;

/**
 * Everything the admin chooses, without secrets: the EAB HMAC key and the TSIG secret are written
 * through {@link SecretChange} and never read back out (a secret once saved is only replaced).
 *
 * @param ca                   which CA, or the classic flow
 * @param customDirectory      the ACME directory for {@link CaPreset#CUSTOM}
 * @param customTrustAnchorPem an extra root for a private CA's HTTPS, PEM; empty for public CAs
 * @param contactEmail         the ACME account's contact, where the CA sends expiry and policy mail
 * @param termsAgreed          the admin agreed to the CA's terms of service
 * @param eabKeyId             the External Account Binding key id (its HMAC key is a secret)
 * @param keyPolicy            key type and whether renewals keep the current key
 * @param challengeType        http-01 or dns-01 (wildcards always use dns-01)
 * @param dnsUpdate            RFC 2136 server for automatic dns-01; empty means dns-01 by hand
 * @param namePolicy           names included and excluded, wildcard
 * @param xmppIdentities       add id-on-xmppAddr and SRVName (only for CAs that issue them)
 * @param automatic            order and renew without an admin (renewals, new components)
 * @param checkInterval        how often the renewal check runs (default 6 h)
 * @param warningDays          days before expiry at which persistent failure is announced
 * @param notifyByXmpp         tell the admins by XMPP message
 * @param notifyByEmail        tell the admins by email
 * @param maintenanceTime      when the keystore file is written if the store watcher is on
 */
public record CertificateSettings(CaPreset ca, Optional<URI> customDirectory, Optional<String> customTrustAnchorPem,
                                  String contactEmail, boolean termsAgreed, Optional<String> eabKeyId,
                                  KeyPolicy keyPolicy, ChallengeType challengeType, Optional<DnsUpdateServer> dnsUpdate,
                                  NamePolicy namePolicy, boolean xmppIdentities, boolean automatic,
                                  Duration checkInterval, List<Integer> warningDays, boolean notifyByXmpp,
                                  boolean notifyByEmail, LocalTime maintenanceTime) {

    public CertificateSettings {
        warningDays = List.copyOf(warningDays);
    }

    /**
     * An RFC 2136 server for automatic dns-01; its TSIG secret is stored apart, sealed.
     *
     * @param zone empty to find the zone by asking the server
     */
    public record DnsUpdateServer(String host, int port, Optional<String> zone, String keyName, String algorithm) {
    }

    /**
     * Secrets to replace; an empty value keeps the saved secret.
     */
    public record SecretChange(Optional<String> eabHmacKey, Optional<String> tsigSecret) {

        public static final SecretChange NONE = new SecretChange(Optional.empty(), Optional.empty());
    }
}
