package org.jivesoftware.openfire.filetransfer.proxy;

/** Stand-in for Openfire's SOCKS5 bytestream proxy module: only the members the plugin calls. */
public class FileTransferProxy {

    public boolean isProxyEnabled() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public String getServiceDomain() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
