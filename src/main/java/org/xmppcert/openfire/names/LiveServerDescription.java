package org.xmppcert.openfire.names;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.component.ExternalComponentConfiguration;
import org.jivesoftware.openfire.component.ExternalComponentManager;
import org.jivesoftware.openfire.component.InternalComponentManager;
import org.jivesoftware.openfire.filetransfer.proxy.FileTransferProxy;
import org.jivesoftware.openfire.muc.MultiUserChatService;
import org.jivesoftware.openfire.pubsub.PubSubModule;
import org.jivesoftware.openfire.session.ComponentSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmppcert.core.names.ServerDescription;

/**
 * What the running server answers to, read from its modules: the XMPP domain and host name, every
 * enabled MUC service, pub-sub, the file transfer proxy, every component the routing table knows
 * (plugins such as HTTP File Upload register there, and so do connected external components, on
 * any cluster node), and external components that are configured but not connected right now, so
 * that a certificate ordered while one is briefly offline still covers it.
 *
 * <p>Each source is read on its own: a module that throws (say, one still starting) is reported
 * in {@link #unreadSources()} and the others still count, because a partial description that says
 * it is partial lets the caller decide (keep the names of the certificate in use, or wait), while
 * an exception would lose everything that was read.
 *
 * <p>A disabled service is left out even if a stale route for it remains: disabling it is how an
 * admin says it is no longer offered, and a public CA would fail to validate a name nobody serves.
 * So is the component manager's own route ({@code component.<domain>}): Openfire adds it to the
 * routing table of every server, but it is no service, nobody publishes DNS for it, and asking a
 * public CA for it would fail the whole order.
 *
 * @param description   the server, with every component as a full domain name, sorted, so the same
 *                      server always yields the same request
 * @param unreadSources the sources that failed, by name (such as "MUC services"); empty when complete
 */
public record LiveServerDescription(ServerDescription description, List<String> unreadSources) {

    private static final Logger LOG = LoggerFactory.getLogger(LiveServerDescription.class);

    public LiveServerDescription {
        unreadSources = List.copyOf(unreadSources);
    }

    /** Whether every source could be read, so a name missing from the description is really gone. */
    public boolean isComplete() {
        return unreadSources.isEmpty();
    }

    /**
     * Reads the server now.
     *
     * @throws RuntimeException if even the XMPP domain cannot be read: without it there is nothing to describe
     */
    public static LiveServerDescription read(XMPPServer server) {
        return new Reader(server).read();
    }

    private static final class Reader {

        private final XMPPServer server;
        private final String xmppDomain;
        private final List<String> unread = new ArrayList<>();
        private final Set<String> disabled = new TreeSet<>();

        Reader(XMPPServer server) {
            this.server = server;
            this.xmppDomain = server.getServerInfo().getXMPPDomain();
        }

        LiveServerDescription read() {
            String hostname = guarded("host name", () -> server.getServerInfo().getHostname(), "");

            Set<String> internal = new TreeSet<>();
            internal.addAll(components("MUC services", this::mucServices));
            internal.addAll(components("pub-sub service", this::pubSub));
            internal.addAll(components("file transfer proxy", this::proxy));
            internal.addAll(components("routed components", () -> server.getRoutingTable().getComponentsDomains()));

            Set<String> external = new TreeSet<>();
            external.addAll(components("configured external components", Reader::configuredExternalComponents));
            external.addAll(components("connected external components", this::connectedExternalComponents));

            internal.removeAll(external);
            internal.removeAll(disabled);
            internal.removeAll(components("component manager's own address", this::componentManagerAddress));
            external.removeAll(disabled);
            return new LiveServerDescription(new ServerDescription(xmppDomain, hostname, List.copyOf(internal),
                    List.copyOf(external)), unread);
        }

        private List<String> components(String source, Supplier<? extends Collection<String>> domains) {
            return guarded(source, () -> domains.get().stream()
                    .filter(domain -> domain != null && !domain.isBlank())
                    .map(this::qualify)
                    .toList(), List.of());
        }

        /**
         * One source's value, or {@code fallback} if it fails. Only the exception itself is
         * logged, not its stack: a module's failure is the server's business, and the reader of
         * the log needs to know which part of the certificate is uncertain.
         */
        private <T> T guarded(String source, Supplier<T> value, T fallback) {
            try {
                T read = value.get();
                return read == null ? fallback : read;
            } catch (RuntimeException e) {
                LOG.warn("Could not read the {} of the server; the names to certify may be incomplete: {}",
                        source, e.toString());
                unread.add(source);
                return fallback;
            }
        }

        private List<String> mucServices() {
            List<String> enabled = new ArrayList<>();
            for (MultiUserChatService service : server.getMultiUserChatManager().getMultiUserChatServices()) {
                enabled.addAll(enabledOnly(service.getServiceDomain(), service.isServiceEnabled()));
            }
            return enabled;
        }

        private List<String> pubSub() {
            PubSubModule pubSub = server.getPubSubModule();
            return enabledOnly(pubSub.getServiceDomain(), pubSub.isServiceEnabled());
        }

        private List<String> proxy() {
            FileTransferProxy proxy = server.getFileTransferProxy();
            return enabledOnly(proxy.getServiceDomain(), proxy.isProxyEnabled());
        }

        private List<String> componentManagerAddress() {
            return List.of(InternalComponentManager.getInstance().getAddress().getDomain());
        }

        private List<String> enabledOnly(String serviceDomain, boolean enabled) {
            if (enabled) {
                return List.of(serviceDomain);
            }
            disabled.add(qualify(serviceDomain));
            return List.of();
        }

        /** Wildcard configurations match many subdomains and name none, so only exact ones count. */
        private static List<String> configuredExternalComponents() {
            return ExternalComponentManager.getAllowedComponents().stream()
                    .filter(configuration -> !configuration.isWildcard())
                    .map(ExternalComponentConfiguration::getSubdomain)
                    .toList();
        }

        private List<String> connectedExternalComponents() {
            return server.getSessionManager().getComponentSessions().stream()
                    .map(ComponentSession::getExternalComponent)
                    .flatMap(component -> component.getSubdomains().stream())
                    .toList();
        }

        /**
         * Openfire names a component by its subdomain label in some places (external component
         * configuration) and by its full domain in others (routes, sessions); certificates need
         * the full domain.
         */
        private String qualify(String domain) {
            String name = domain.strip().toLowerCase(Locale.ROOT);
            String suffix = xmppDomain.strip().toLowerCase(Locale.ROOT);
            return name.equals(suffix) || name.endsWith("." + suffix) ? name : name + "." + suffix;
        }
    }
}
