package org.jivesoftware.openfire.muc;

import org.xmpp.component.Component;

/** Stand-in for one MUC service: only the members the plugin calls. */
public interface MultiUserChatService extends Component {

    String getServiceDomain();

    boolean isServiceEnabled();
}
