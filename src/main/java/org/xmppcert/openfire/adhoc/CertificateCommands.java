package org.xmppcert.openfire.adhoc;

import java.time.Clock;
import java.util.List;

import org.jivesoftware.openfire.commands.AdHocCommand;
import org.xmppcert.openfire.service.CertificateService;

/**
 * The console's certificate tasks as XEP-0050 commands on the server's JID, for admins only:
 * status, request or renew, confirm dns-01 records, hand in a classic CA's certificate, revoke,
 * history. Each is audited, answers in the requester's language, and goes through the one
 * {@link CertificateService} the console uses.
 */
public final class CertificateCommands {

    private CertificateCommands() {
    }

    /**
     * @param watcher follows the requests the commands start and messages their outcome; the
     *                caller runs its {@link OrderWatcher#checkAll()} every few seconds
     */
    public static List<AdHocCommand> create(CertificateService service, AuditLog audit, OrderWatcher watcher,
                                            Clock clock) {
        return List.of(
                new StatusCommand(service, audit),
                new RequestCommand(service, audit, watcher),
                new ConfirmDnsCommand(service, audit, watcher),
                new ClassicAnswerCommand(service, audit),
                new RevokeCommand(service, audit, clock),
                new HistoryCommand(service, audit));
    }
}
