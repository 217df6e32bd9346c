package org.xmppcert.core.renewal;

/** Receives what the admins are to be told; the Openfire layer sends messages and writes audit entries. */
@FunctionalInterface
public interface RenewalListener {

    void onEvent(RenewalEvent event);
}
