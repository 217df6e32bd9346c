package org.xmppcert.openfire.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.xmppcert.core.history.CertificateEvent;

/**
 * What the admin console, the XMPP ad-hoc commands and the scheduler can do with the plugin: one
 * place, so that every way in behaves, validates and audits alike. {@code actor} is the admin's
 * username, or {@link CertificateEvent#SCHEDULER} for what the plugin does on its own; every
 * state-changing call is recorded in the history and Openfire's security audit log under it.
 * What is refused is refused with a {@link Refusal}, whose reasons each way in words in its reader's
 * language.
 */
public interface CertificateService {

    CertificateStatus status();

    CertificateSettings settings();

    /**
     * Validates and saves. Nothing is saved when anything is wrong.
     *
     * @return the problems by field name ({@code contactEmail}, {@code customDirectory}, ...); empty when saved
     */
    Map<String, Sentence> saveSettings(CertificateSettings settings, CertificateSettings.SecretChange secrets, String actor);

    /** Whether a secret is saved (the value itself is never returned): {@code eabHmacKey}, {@code tsigSecret}. */
    boolean hasSecret(String name);

    /**
     * Starts obtaining and installing a certificate for the server's names with the saved settings,
     * in the background, or returns the request already running.
     *
     * @return the request's ticket, for {@link #progress}
     * @throws Refusal when the settings do not allow it (terms not agreed, classic CA chosen, ...)
     */
    String requestCertificate(String actor);

    Optional<OrderProgress> progress(String ticket);

    /** The request running now, or the last one. */
    Optional<OrderProgress> latestOrder();

    /**
     * The admin has created the dns-01 records shown in the progress; validation goes on.
     *
     * @throws Refusal when the request is unknown or waits for no records
     */
    void confirmDnsRecords(String ticket, String actor);

    void cancel(String ticket, String actor);

    /**
     * Generates the key and CSR for a CA without ACME and keeps them (the key sealed) until its answer arrives.
     *
     * @throws Refusal when none of the server's names can be certified
     */
    ClassicRequestView startClassicRequest(String actor);

    List<ClassicRequestView> pendingClassicRequests();

    /**
     * The request of the classic certificate installed last, whose CSR the CA can be given again
     * for the renewal; empty when no classic certificate was installed.
     */
    Optional<ClassicRequestView> renewableClassicRequest();

    /**
     * Starts the renewal of the classic certificate with its saved CSR and key: a pending request
     * like any other, whose CSR the admin hands to the CA again. While such a request is pending,
     * returns it instead of making another.
     *
     * @throws Refusal when there is no saved CSR, it lacks names the server now answers to, or its
     *                 key cannot be opened
     */
    ClassicRequestView renewClassicRequest(String actor);

    /**
     * Checks what the CA returned (PEM chain, PKCS#7 or DER) against the pending request and installs it.
     *
     * @param caCertificates intermediates or a root the admin adds; may be empty
     * @return how the install and its check went; the request stays pending unless it installed
     * @throws Refusal when the certificate does not fit; the request stays pending
     */
    ClassicInstallReport acceptClassicCertificate(String requestId, byte[] certificate, byte[] caCertificates, String actor);

    /**
     * Revokes a certificate this plugin obtained.
     *
     * @param reason an RFC 5280 reason code name: unspecified, keyCompromise, affiliationChanged,
     *               superseded, cessationOfOperation
     * @throws Refusal when the plugin did not obtain it from an ACME CA, or the CA does not revoke it
     */
    void revoke(String serialNumber, String reason, String actor);

    /** The newest history entries first. */
    List<CertificateEvent> history(int limit);
}
