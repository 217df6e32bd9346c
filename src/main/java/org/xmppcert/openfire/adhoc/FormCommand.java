package org.xmppcert.openfire.adhoc;

import java.util.ArrayList;
import java.util.List;

import org.dom4j.Element;
import org.jivesoftware.openfire.commands.SessionData;
import org.xmppcert.openfire.service.CertificateService;

/**
 * A command that asks through a fixed sequence of forms, stage 0 first. When there is nothing to
 * ask about (no pending request, no certificate to revoke) it has no stages at all, and Openfire
 * runs it at once: it then answers with a note saying so instead of an empty form.
 */
abstract class FormCommand extends CertificateCommand {

    private final int stages;

    FormCommand(CertificateService service, AuditLog audit, int stages) {
        super(service, audit);
        this.stages = stages;
    }

    /** Whether there is anything to do; read when the admin starts the command. */
    boolean hasWork() {
        return true;
    }

    @Override
    public final int getMaxStages(SessionData data) {
        return hasWork() ? stages : 0;
    }

    @Override
    final String run(SessionData data, Element command, Texts texts) {
        if (data.getStage() < 0) {
            note(command, NoteType.info, texts.get("adhoc." + name() + ".nothing"));
            return "nothing to do";
        }
        return complete(data, command, texts);
    }

    /**
     * Acts on everything submitted at all stages.
     *
     * @return what was done, for the audit record; never a secret
     */
    abstract String complete(SessionData data, Element command, Texts texts);

    boolean isLastStage(SessionData data) {
        return data.getStage() >= stages - 1;
    }

    @Override
    protected List<Action> getActions(SessionData data) {
        List<Action> actions = new ArrayList<>();
        if (data.getStage() > 0) {
            actions.add(Action.prev);
        }
        actions.add(isLastStage(data) ? Action.complete : Action.next);
        return actions;
    }

    @Override
    protected final Action getExecuteAction(SessionData data) {
        return isLastStage(data) ? Action.complete : Action.next;
    }
}
