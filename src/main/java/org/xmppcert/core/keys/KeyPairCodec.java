package org.xmppcert.core.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Converts key pairs to and from PEM: the private key as PKCS#8 ("BEGIN PRIVATE KEY") followed by
 * the public key ("BEGIN PUBLIC KEY"). Both are written because the JDK's EC private keys encode
 * no public point, so a lone private key could not be read back as a pair. Traditional
 * "BEGIN EC/RSA PRIVATE KEY" blocks that carry the public key are read too. The PEM text is a
 * secret: store it only through a {@link org.xmppcert.core.secrets.SecretSealer}, never log it.
 */
public final class KeyPairCodec {

    private KeyPairCodec() {
    }

    public static String toPem(KeyPair keyPair) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(keyPair.getPrivate(), null));
            writer.writeObject(keyPair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException if the text holds no unencrypted key pair */
    public static KeyPair fromPem(String pem) {
        // BouncyCastle's own name for an EC key is "ECDSA": where BouncyCastle is a registered provider (as in
        // Openfire), that name gets a BouncyCastle key the JDK's EC provider, which TLS signs with, refuses.
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter()
                .setAlgorithmMapping(X9ObjectIdentifiers.id_ecPublicKey, "EC");
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object parsed = parser.readObject(); parsed != null; parsed = parser.readObject()) {
                if (parsed instanceof PEMKeyPair pemKeyPair && pemKeyPair.getPublicKeyInfo() != null) {
                    return converter.getKeyPair(pemKeyPair);
                } else if (parsed instanceof PEMKeyPair pemKeyPair) {
                    privateKey = converter.getPrivateKey(pemKeyPair.getPrivateKeyInfo());
                } else if (parsed instanceof PrivateKeyInfo info) {
                    privateKey = converter.getPrivateKey(info);
                } else if (parsed instanceof SubjectPublicKeyInfo info) {
                    publicKey = converter.getPublicKey(info);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a readable PEM key pair", e);
        }
        if (privateKey == null || publicKey == null) {
            throw new IllegalArgumentException("Not a PEM key pair: it needs a private and a public key");
        }
        return new KeyPair(publicKey, privateKey);
    }
}
