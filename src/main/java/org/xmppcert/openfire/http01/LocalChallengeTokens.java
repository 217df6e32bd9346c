package org.xmppcert.openfire.http01;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens of one server, in memory: enough when Openfire is not clustered, or when every
 * node answers the CA itself. Tokens are short-lived and re-created by the order that needs them,
 * so losing them on restart loses nothing.
 */
public final class LocalChallengeTokens implements ChallengeTokens {

    private final Map<String, String> keyAuthorizations = new ConcurrentHashMap<>();

    @Override
    public void publish(String token, String keyAuthorization) {
        if (keyAuthorization == null || keyAuthorization.isEmpty()) {
            throw new IllegalArgumentException("No key authorization for token " + token);
        }
        keyAuthorizations.put(ChallengeTokens.requireToken(token), keyAuthorization);
    }

    @Override
    public Optional<String> keyAuthorization(String token) {
        return token == null ? Optional.empty() : Optional.ofNullable(keyAuthorizations.get(token));
    }

    @Override
    public void withdraw(String token) {
        if (token != null) {
            keyAuthorizations.remove(token);
        }
    }
}
