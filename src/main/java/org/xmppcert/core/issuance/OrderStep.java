package org.xmppcert.core.issuance;

/**
 * How far an ACME order got. Each step is saved as soon as it is reached, so a restart resumes
 * at the same order instead of asking the CA for a new one (which costs rate limit).
 */
public enum OrderStep {
    /** The CA created the order; the certificate key exists. */
    CREATED,
    /** Every challenge is in place and the CA was told to validate. */
    CHALLENGES_ANSWERED,
    /** The CSR was sent; the CA is issuing. */
    FINALIZED,
    /** The chain is downloaded and stored with the order; only handing it over remains. */
    DOWNLOADED
}
