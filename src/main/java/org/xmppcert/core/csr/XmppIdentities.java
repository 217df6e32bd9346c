package org.xmppcert.core.csr;

import java.net.IDN;
import java.util.List;

import org.xmppcert.core.names.CertificateNames;

/**
 * The XMPP-specific subjectAltName entries of RFC 6120 section 13.7.1.2, for CAs that issue them
 * (the XMPP ICA did; public ACME CAs reject any CSR that carries them, so they are opt-in per CA).
 *
 * <p>The two kinds of entry spell internationalized names differently, and the constructor puts
 * each in its form whatever it is given: an XmppAddr holds a JID domainpart, which RFC 7622 writes
 * in U-labels (Unicode), while an SRVName holds a DNS name, which RFC 4985 writes in A-labels.
 *
 * @param xmppAddresses values for id-on-xmppAddr (1.3.6.1.5.5.7.8.5): the domain and each component;
 *                      never a wildcard, since no JID can be one
 * @param srvDomain     the domain for the SRVName (1.3.6.1.5.5.7.8.7, RFC 4985) entries
 *                      {@code _xmpp-client.<domain>} and {@code _xmpp-server.<domain>}
 */
public record XmppIdentities(List<String> xmppAddresses, String srvDomain) {

    public XmppIdentities {
        if (xmppAddresses.stream().anyMatch(address -> address.contains("*"))) {
            throw new IllegalArgumentException("An XMPP address cannot be a wildcard: " + xmppAddresses);
        }
        xmppAddresses = xmppAddresses.stream().map(IDN::toUnicode).toList();
        srvDomain = IDN.toASCII(srvDomain);
    }

    /**
     * The identities of the XMPP domain and of every component the names serve, including the
     * components a wildcard covers (a wildcard dNSName does not name them, an XmppAddr must).
     *
     * @throws IllegalArgumentException if the XMPP domain itself is not certified, since the
     *                                  SRVNames would then claim a service the certificate does not cover
     */
    public static XmppIdentities of(CertificateNames names) {
        if (!names.xmppServices().contains(names.xmppDomain())) {
            throw new IllegalArgumentException("No XMPP identities without the XMPP domain " + names.xmppDomain());
        }
        return new XmppIdentities(names.xmppServices(), names.xmppDomain());
    }

    /** The two SRVName values RFC 6120 asks a server certificate to carry. */
    public List<String> srvNames() {
        return List.of("_xmpp-client." + srvDomain, "_xmpp-server." + srvDomain);
    }
}
