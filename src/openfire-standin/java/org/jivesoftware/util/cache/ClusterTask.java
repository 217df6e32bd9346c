package org.jivesoftware.util.cache;

import java.io.Externalizable;

/** Stand-in for Openfire's cluster task: sent to other nodes serialized, run there, its result sent back. */
public interface ClusterTask<V> extends Runnable, Externalizable {

    V getResult();
}
