package org.xmppcert.core.names;

/**
 * A name the server answers to that will not be put in the certificate request, with the reason
 * shown to the admin. A public CA rejects a whole order for one bad name, so such names are
 * reported here instead of being sent and failing the renewal of all the others.
 *
 * @param name   the name as normalized (A-labels, lower case) or, if it could not be, as given
 * @param reason why it is left out
 */
public record RejectedName(String name, Reason reason) {

    /** Why a name is left out; {@link #message()} is the sentence the admin console shows. */
    public enum Reason {
        INVALID_SYNTAX("is not a valid DNS name (letters, digits and hyphens, labels of 1 to 63 characters, at most 253 in all)"),
        AMBIGUOUS_IDN("contains \u00df, \u03c2 or a zero-width joiner, which older and newer IDN rules convert to "
                + "different domains; enter its xn-- form instead"),
        IP_ADDRESS("is an IP address; public CAs certify DNS names only"),
        EXCLUDED("is excluded by the administrator"),
        PRIVATE_NAME("is a local or reserved name (such as localhost, .local, .internal, .lan, .home.arpa, .test, "
                + ".invalid) that no public CA can verify"),
        SINGLE_LABEL("is a single-label name that exists only on the local network"),
        PUBLIC_SUFFIX("is itself a public suffix (such as co.uk) that nobody can own"),
        NOT_UNDER_PUBLIC_SUFFIX("does not end in a known public suffix (top-level domain)");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        /** A sentence fragment that reads after the name: "myhost is a single-label name ...". */
        public String message() {
            return message;
        }
    }

    /** The full sentence for the admin, e.g. "localhost is a local or reserved name ...". */
    public String explanation() {
        return name + " " + reason.message();
    }
}
