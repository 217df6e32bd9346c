package org.jivesoftware.openfire.pubsub;

/** Stand-in for Openfire's publish-subscribe module: only the members the plugin calls. */
public class PubSubModule {

    public String getServiceDomain() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }

    public boolean isServiceEnabled() {
        throw new UnsupportedOperationException("Openfire API stand-in");
    }
}
