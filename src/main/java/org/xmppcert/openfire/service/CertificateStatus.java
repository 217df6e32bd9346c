package org.xmppcert.openfire.service;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the admin sees at a glance: the certificate each identity store uses, whether it covers the
 * server's names, when the next renewal is due and how the last attempt went. It holds facts, not
 * sentences: the console and the ad-hoc commands word them in their reader's language.
 *
 * @param xmppDomain    the server's XMPP domain
 * @param requiredNames the names the server needs certified now
 * @param stores        one entry per distinct identity store
 * @param nextRenewal   when the next renewal is due (empty when nothing is managed yet)
 * @param lastAttempt   the last issuance or renewal attempt, or the one running now
 * @param actions       what the admin should do, most urgent first; empty when all is well
 */
public record CertificateStatus(String xmppDomain, List<String> requiredNames, List<StoreStatus> stores, Optional<Instant> nextRenewal,
                                Optional<LastAttempt> lastAttempt, List<CallToAction> actions) {

    public CertificateStatus {
        requiredNames = List.copyOf(requiredNames);
        stores = List.copyOf(stores);
        actions = List.copyOf(actions);
    }

    /**
     * @param connectionTypes the Openfire connection types this store serves
     * @param certificate     the certificate in use for the XMPP domain; empty if none
     * @param contents        every certificate the store holds, by alias: stale entries and other
     *                        domains' too, since those are what an admin looks for when TLS misbehaves
     */
    public record StoreStatus(String store, List<String> connectionTypes, Optional<CertificateInUse> certificate,
                              List<StoredCertificate> contents) {

        public StoreStatus {
            contents = List.copyOf(contents);
        }

        /** A store known only by the certificate it serves the domain with. */
        public StoreStatus(String store, List<String> connectionTypes, Optional<CertificateInUse> certificate) {
            this(store, connectionTypes, certificate, List.of());
        }
    }

    /** One entry of an identity store. */
    public record StoredCertificate(String alias, List<String> names, String issuer, Instant notAfter) {

        public StoredCertificate {
            names = List.copyOf(names);
        }
    }

    /** @param missingNames required names this certificate does not cover */
    public record CertificateInUse(String serialNumber, List<String> names, String issuer, String keyType,
                                   Instant notBefore, Instant notAfter, long daysLeft, boolean selfSigned,
                                   List<String> missingNames) {
    }

    /**
     * How the last attempt to obtain a certificate went.
     *
     * @param at      when it ended, or when it started while it is {@link Outcome#RUNNING}
     * @param actor   the admin's username, or {@code scheduler}
     * @param reasons why it failed ({@link Outcome#FAILED} only; empty when nobody said): the run's own
     *                sentences while the server still has the run, else the history's record quoted as
     *                it was written ({@code failure.recorded})
     */
    public record LastAttempt(Outcome outcome, Instant at, String actor, List<Sentence> reasons) {

        public LastAttempt {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(actor, "actor");
            reasons = List.copyOf(reasons);
        }

        public enum Outcome { RUNNING, ISSUED, RENEWED, FAILED }
    }

    /**
     * Something the admin should do: what kind of thing and the facts its wording needs. Build one
     * with the factory named after its kind, which fixes the order of the facts the texts number.
     *
     * @param arguments strings, numbers and instants, in the order {@link Kind} gives for each kind
     * @param reasons   sentences read after the action's own text: why the last attempt failed
     */
    public record CallToAction(Kind kind, List<Object> arguments, List<Sentence> reasons) {

        public CallToAction {
            Objects.requireNonNull(kind, "kind");
            arguments = List.copyOf(arguments);
            reasons = List.copyOf(reasons);
        }

        private CallToAction(Kind kind, List<Object> arguments) {
            this(kind, arguments, List.of());
        }

        public enum Kind {
            /** The certificate in use was revoked. Arguments: its serial number. */
            REVOKED,
            /** No store presents a CA-signed certificate. Arguments: the XMPP domain. */
            NO_CA_SIGNED_CERTIFICATE,
            /** The certificate in use has expired. Arguments: when it expired. */
            EXPIRED,
            /** The certificate in use expires within the warning period. Arguments: days left, when it expires. */
            EXPIRES_SOON,
            /** The certificate in use lacks names the server needs. Arguments: those names, comma-separated. */
            NAMES_NOT_COVERED,
            /**
             * Part of the server could not be read, so the names it needs may be more than those
             * listed, and no request can be made until it can; Openfire's log names the parts. No arguments.
             */
            SERVER_NOT_FULLY_READ,
            /** The last attempt failed. No arguments; its reasons follow. */
            LAST_ATTEMPT_FAILED,
            /** The last attempt failed and nobody said why. No arguments. */
            LAST_ATTEMPT_FAILED_WITHOUT_REASON,
            /** The ACME CA's terms of service are not agreed to, so nothing can be requested. No arguments. */
            AGREE_TO_TERMS
        }

        public static CallToAction revoked(String serialNumber) {
            return new CallToAction(Kind.REVOKED, List.of(serialNumber));
        }

        public static CallToAction noCaSignedCertificate(String domain) {
            return new CallToAction(Kind.NO_CA_SIGNED_CERTIFICATE, List.of(domain));
        }

        public static CallToAction expired(Instant notAfter) {
            return new CallToAction(Kind.EXPIRED, List.of(notAfter));
        }

        public static CallToAction expiresSoon(long daysLeft, Instant notAfter) {
            return new CallToAction(Kind.EXPIRES_SOON, List.of(daysLeft, notAfter));
        }

        public static CallToAction namesNotCovered(List<String> names) {
            return new CallToAction(Kind.NAMES_NOT_COVERED, List.of(String.join(", ", names)));
        }

        public static CallToAction serverNotFullyRead() {
            return new CallToAction(Kind.SERVER_NOT_FULLY_READ, List.of());
        }

        public static CallToAction lastAttemptFailed(List<Sentence> reasons) {
            return reasons.isEmpty() ? new CallToAction(Kind.LAST_ATTEMPT_FAILED_WITHOUT_REASON, List.of())
                    : new CallToAction(Kind.LAST_ATTEMPT_FAILED, List.of(), reasons);
        }

        public static CallToAction agreeToTerms() {
            return new CallToAction(Kind.AGREE_TO_TERMS, List.of());
        }
    }
}
