package org.xmppcert.core.acme;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that decides how certificates are requested from one ACME CA. Any directory URL
 * works; a private CA whose HTTPS certificate is not publicly trusted is reached by adding its
 * root as {@link Builder#trustAnchor}, never by switching certificate checks off.
 */
public final class AcmeSettings {

    private final URI directory;
    private final String contactEmail;
    private final boolean termsOfServiceAgreed;
    private final ExternalAccountBinding externalAccountBinding;
    private final X509Certificate trustAnchor;
    private final String preferredChainIssuer;
    private final ChallengeType challengeType;
    private final Duration validationTimeout;
    private final int parallelism;

    private AcmeSettings(Builder builder) {
        this.directory = Objects.requireNonNull(builder.directory, "directory");
        this.contactEmail = builder.contactEmail;
        this.termsOfServiceAgreed = builder.termsOfServiceAgreed;
        this.externalAccountBinding = builder.externalAccountBinding;
        this.trustAnchor = builder.trustAnchor;
        this.preferredChainIssuer = builder.preferredChainIssuer;
        this.challengeType = builder.challengeType;
        this.validationTimeout = builder.validationTimeout;
        this.parallelism = builder.parallelism;
    }

    public static Builder builder(URI directory) {
        return new Builder(directory);
    }

    public URI directory() {
        return directory;
    }

    public Optional<String> contactEmail() {
        return Optional.ofNullable(contactEmail);
    }

    public boolean termsOfServiceAgreed() {
        return termsOfServiceAgreed;
    }

    public Optional<ExternalAccountBinding> externalAccountBinding() {
        return Optional.ofNullable(externalAccountBinding);
    }

    public Optional<X509Certificate> trustAnchor() {
        return Optional.ofNullable(trustAnchor);
    }

    public Optional<String> preferredChainIssuer() {
        return Optional.ofNullable(preferredChainIssuer);
    }

    public ChallengeType challengeType() {
        return challengeType;
    }

    public Duration validationTimeout() {
        return validationTimeout;
    }

    public int parallelism() {
        return parallelism;
    }

    public static final class Builder {
        private final URI directory;
        private String contactEmail;
        private boolean termsOfServiceAgreed;
        private ExternalAccountBinding externalAccountBinding;
        private X509Certificate trustAnchor;
        private String preferredChainIssuer;
        private ChallengeType challengeType = ChallengeType.HTTP_01;
        private Duration validationTimeout = Duration.ofMinutes(2);
        private int parallelism = 8;

        private Builder(URI directory) {
            this.directory = directory;
        }

        /** Where the CA sends expiry and problem notices; optional at most CAs. */
        public Builder contactEmail(String email) {
            this.contactEmail = email;
            return this;
        }

        /** The admin has read and accepted the CA's terms of service; most CAs refuse new accounts otherwise. */
        public Builder termsOfServiceAgreed(boolean agreed) {
            this.termsOfServiceAgreed = agreed;
            return this;
        }

        public Builder externalAccountBinding(ExternalAccountBinding binding) {
            this.externalAccountBinding = binding;
            return this;
        }

        /** An extra root to trust for the CA's HTTPS, on top of the JVM's default ones. */
        public Builder trustAnchor(X509Certificate anchor) {
            this.trustAnchor = anchor;
            return this;
        }

        /** Prefer the chain whose certificates include one issued by this common name (e.g. "ISRG Root X1"). */
        public Builder preferredChainIssuer(String issuerCommonName) {
            this.preferredChainIssuer = issuerCommonName;
            return this;
        }

        /** The challenge used for non-wildcard names (wildcards always use dns-01). */
        public Builder challengeType(ChallengeType type) {
            this.challengeType = Objects.requireNonNull(type);
            return this;
        }

        /** How long the CA may take to validate, or to issue once finalized, before the attempt is given up. */
        public Builder validationTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The validation timeout must be positive");
            }
            this.validationTimeout = timeout;
            return this;
        }

        /** How many requests to the CA may be in flight at once (authorizations are worked on in parallel). */
        public Builder parallelism(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("Parallelism must be at least 1");
            }
            this.parallelism = requests;
            return this;
        }

        public AcmeSettings build() {
            return new AcmeSettings(this);
        }
    }
}
