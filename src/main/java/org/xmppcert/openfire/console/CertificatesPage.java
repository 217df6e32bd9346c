package org.xmppcert.openfire.console;

import org.jivesoftware.openfire.XMPPServer;
import org.xmppcert.openfire.CertificateManagerPlugin;

/**
 * The bean behind certificates.jsp. The page is compiled into the plugin and served by Openfire's
 * admin console, which knows nothing of the plugin's objects, so the bean finds the running plugin
 * through Openfire's plugin manager.
 */
public final class CertificatesPage {

    public IdentityStoreOverview getOverview() {
        return XMPPServer.getInstance().getPluginManager()
                .getPluginByCanonicalName(CertificateManagerPlugin.CANONICAL_NAME)
                .map(CertificateManagerPlugin.class::cast)
                .orElseThrow(() -> new IllegalStateException("The Certificate Manager plugin is not loaded"))
                .identityStoreOverview();
    }
}
