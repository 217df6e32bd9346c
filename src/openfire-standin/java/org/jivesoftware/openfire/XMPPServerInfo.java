package org.jivesoftware.openfire;

/** Stand-in for Openfire's server description: only the members the plugin calls. */
public interface XMPPServerInfo {

    String getHostname();

    String getXMPPDomain();
}
