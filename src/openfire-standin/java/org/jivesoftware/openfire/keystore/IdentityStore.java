package org.jivesoftware.openfire.keystore;

/** Stand-in for Openfire's store of the server's own certificates and private keys. */
public class IdentityStore extends CertificateStore {

    public IdentityStore(CertificateStoreConfiguration configuration, boolean createIfAbsent)
            throws CertificateStoreConfigException {
        super(configuration, createIfAbsent);
    }
}
