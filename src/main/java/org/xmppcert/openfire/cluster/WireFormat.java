package org.xmppcert.openfire.cluster;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInput;
import java.io.ObjectOutput;

/**
 * The version every cluster message of the plugin starts with, changed whenever any of them changes
 * shape, so a node running another plugin version refuses a message rather than misreads it.
 */
final class WireFormat {

    private static final int VERSION = 1;

    private WireFormat() {
    }

    static void write(ObjectOutput out) throws IOException {
        out.writeInt(VERSION);
    }

    /** @param what the message, as the refusal names it, such as "A certificate sent" */
    static void requireSame(ObjectInput in, String what) throws IOException {
        int version = in.readInt();
        if (version != VERSION) {
            throw new InvalidObjectException(what + " by a node with another version of the Certificate Manager"
                    + " plugin (format " + version + "); install the same version on every node");
        }
    }
}
