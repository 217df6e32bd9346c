package org.xmppcert.openfire.adhoc;

import java.util.List;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.SessionData;
import org.xmppcert.openfire.service.CertificateService;

/** A command without forms: Openfire runs it as soon as it is requested and returns its result. */
abstract class ReportCommand extends CertificateCommand {

    ReportCommand(CertificateService service, AuditLog audit) {
        super(service, audit);
    }

    @Override
    public final int getMaxStages(SessionData data) {
        return 0;
    }

    @Override
    protected final void addStageInformation(SessionData data, Element command) {
        throw new IllegalStateException(getCode() + " has no stages");
    }

    @Override
    protected final List<Action> getActions(SessionData data) {
        throw new IllegalStateException(getCode() + " has no stages");
    }

    @Override
    protected final Action getExecuteAction(SessionData data) {
        throw new IllegalStateException(getCode() + " has no stages");
    }
}
