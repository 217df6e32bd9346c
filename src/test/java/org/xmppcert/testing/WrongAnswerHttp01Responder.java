package org.xmppcert.testing;

import org.xmppcert.core.challenge.Http01Responder;

/**
 * Answers http-01 through a real responder, but with {@link #WRONG_ANSWER} for names starting with
 * a given prefix: a CA must then refuse exactly those names, saying why.
 */
public final class WrongAnswerHttp01Responder implements Http01Responder {

    public static final String WRONG_ANSWER = "not-the-key-authorization";

    private final Http01Responder real;
    private final String namePrefix;

    public WrongAnswerHttp01Responder(Http01Responder real, String namePrefix) {
        this.real = real;
        this.namePrefix = namePrefix;
    }

    @Override
    public void publish(String domain, String token, String keyAuthorization) {
        real.publish(domain, token, domain.startsWith(namePrefix) ? WRONG_ANSWER : keyAuthorization);
    }

    @Override
    public void withdraw(String token) {
        real.withdraw(token);
    }
}
