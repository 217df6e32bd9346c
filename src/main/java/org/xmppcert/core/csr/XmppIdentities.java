package org.xmppcert.core.csr;

import java.util.List;

/**
 * The XMPP-specific subjectAltName entries of RFC 6120 section 13.7.1.2, for CAs that issue them
 * (the XMPP ICA did; public ACME CAs reject any CSR that carries them, so they are opt-in per CA).
 *
 * @param xmppAddresses values for id-on-xmppAddr (1.3.6.1.5.5.7.8.5): the domain and each component
 * @param srvDomain     the domain for the SRVName (1.3.6.1.5.5.7.8.7, RFC 4985) entries
 *                      {@code _xmpp-client.<domain>} and {@code _xmpp-server.<domain>}
 */
public record XmppIdentities(List<String> xmppAddresses, String srvDomain) {

    public XmppIdentities {
        xmppAddresses = List.copyOf(xmppAddresses);
    }

    /** The two SRVName values RFC 6120 asks a server certificate to carry. */
    public List<String> srvNames() {
        return List.of("_xmpp-client." + srvDomain, "_xmpp-server." + srvDomain);
    }
}
