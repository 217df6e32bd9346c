package org.xmppcert.core.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;

import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * Converts key pairs to and from PEM ("BEGIN EC/RSA PRIVATE KEY", which carries the public key
 * too). The PEM text is a secret: store it only through a
 * {@link org.xmppcert.core.secrets.SecretSealer}, never log it.
 */
public final class KeyPairCodec {

    private KeyPairCodec() {
    }

    public static String toPem(KeyPair keyPair) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(keyPair);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException if the text holds no unencrypted key pair */
    public static KeyPair fromPem(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object parsed = parser.readObject();
            if (!(parsed instanceof PEMKeyPair pemKeyPair)) {
                throw new IllegalArgumentException("Not a PEM key pair");
            }
            return new JcaPEMKeyConverter().getKeyPair(pemKeyPair);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a readable PEM key pair", e);
        }
    }
}
