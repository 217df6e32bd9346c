package org.jivesoftware.util;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jivesoftware.openfire.keystore.CertificateStore;

/**
 * Stand-in for Openfire's certificate utility class: only the listener registry, which works, so
 * tests can fire the event Openfire fires when a store is reloaded.
 */
public class CertificateManager {

    private static final List<CertificateEventListener> LISTENERS = new CopyOnWriteArrayList<>();

    /**
     * The identities a server certificate asserts, as Openfire's default SAN mapping reads them:
     * dNSName entries and id-on-xmppAddr otherNames (the stand-in leaves out SRVName and URI).
     */
    public static List<String> getServerIdentities(java.security.cert.X509Certificate certificate) {
        List<String> identities = new java.util.ArrayList<>();
        try {
            java.util.Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return identities;
            }
            for (List<?> name : names) {
                int type = (Integer) name.get(0);
                if (type == 2) {
                    identities.add((String) name.get(1));
                } else if (type == 0 && name.get(1) instanceof byte[] der) {
                    org.bouncycastle.asn1.ASN1Sequence other = org.bouncycastle.asn1.ASN1Sequence.getInstance(der);
                    if ("1.3.6.1.5.5.7.8.5".equals(org.bouncycastle.asn1.ASN1ObjectIdentifier
                            .getInstance(other.getObjectAt(0)).getId())) {
                        org.bouncycastle.asn1.ASN1Primitive value = org.bouncycastle.asn1.ASN1TaggedObject
                                .getInstance(other.getObjectAt(1)).getBaseObject().toASN1Primitive();
                        identities.add(org.bouncycastle.asn1.ASN1String.class.cast(value).getString());
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // Openfire logs and returns what it has.
        }
        return identities;
    }

    public static void addListener(CertificateEventListener listener) {
        if (listener == null) {
            throw new NullPointerException();
        }
        LISTENERS.add(listener);
    }

    public static void removeListener(CertificateEventListener listener) {
        LISTENERS.remove(listener);
    }

    public static void fireCertificateStoreChanged(CertificateStore store) {
        for (CertificateEventListener listener : LISTENERS) {
            try {
                listener.storeContentChanged(store);
            } catch (Exception e) {
                // Openfire logs and carries on, so one failing listener cannot starve the others.
            }
        }
    }
}
