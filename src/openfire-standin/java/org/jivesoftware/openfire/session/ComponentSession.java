package org.jivesoftware.openfire.session;

import java.util.Collection;

import org.xmpp.component.Component;

/** Stand-in for an external component's session: only the members the plugin calls. */
public interface ComponentSession {

    ExternalComponent getExternalComponent();

    interface ExternalComponent extends Component {

        Collection<String> getSubdomains();
    }
}
