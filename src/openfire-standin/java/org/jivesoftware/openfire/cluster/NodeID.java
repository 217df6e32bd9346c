package org.jivesoftware.openfire.cluster;

import java.util.Arrays;

/** Stand-in for Openfire's cluster node id: a value holding the node's bytes (only the members the plugin uses). */
public class NodeID {

    private final byte[] bytes;

    private NodeID(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public static synchronized NodeID getInstance(byte[] nodeIdBytes) {
        return new NodeID(nodeIdBytes);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeID other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
