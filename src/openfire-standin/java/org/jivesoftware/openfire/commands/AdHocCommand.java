package org.jivesoftware.openfire.commands;

import java.util.List;

import org.dom4j.Element;
import org.jivesoftware.openfire.admin.AdminManager;
import org.xmpp.packet.JID;

/**
 * Stand-in for Openfire's XEP-0050 command base class, with Openfire 5.x's signatures. Openfire
 * keeps one instance per command and the state of each execution in {@link SessionData}. The
 * concrete methods behave as Openfire documents them, because the plugin's tests drive commands
 * through them: moving to another stage sets the stage, asks the command for that stage's form and
 * lists the actions it allows.
 */
public abstract class AdHocCommand {

    /** Set during construction, so {@link #getDefaultLabel()} must not rely on subclass fields. */
    private String label = getDefaultLabel();

    public AdHocCommand() {
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    /** By default only the server's admins, compared by bare JID. */
    public boolean hasPermission(JID requester) {
        return AdminManager.getInstance().isUserAdmin(requester, false);
    }

    /** The node of the command on the server's JID. */
    public abstract String getCode();

    public abstract String getDefaultLabel();

    /** 0: the command runs as soon as it is requested, without a form. */
    public abstract int getMaxStages(SessionData data);

    public abstract void execute(SessionData data, Element command);

    /** Adds the form or notes of {@code data.getStage()} (the first stage is 0). */
    protected abstract void addStageInformation(SessionData data, Element command);

    /** The actions offered at the current stage: {@code prev}, {@code next}, {@code complete}. */
    protected abstract List<Action> getActions(SessionData data);

    /** What a submission without an action, or with {@code execute}, means at the current stage. */
    protected abstract Action getExecuteAction(SessionData data);

    public void addNextStageInformation(SessionData data, Element command) {
        data.setStage(data.getStage() + 1);
        addStageInformation(data, command);
        addStageActions(data, command);
    }

    public void addPreviousStageInformation(SessionData data, Element command) {
        data.setStage(data.getStage() - 1);
        addStageInformation(data, command);
        addStageActions(data, command);
    }

    /** Writes {@code <actions execute="...">} and remembers what it offered, which is all a later submission may ask for. */
    protected void addStageActions(SessionData data, Element command) {
        List<Action> offered = getActions(data);
        Action executeAction = getExecuteAction(data);
        Element actions = command.addElement("actions");
        offered.forEach(action -> actions.addElement(action.name()));
        actions.addAttribute("execute", executeAction.name());
        data.setAllowedActions(offered);
        data.setExecuteAction(executeAction);
    }

    public enum Status {
        executing, completed, canceled
    }

    public enum Action {
        execute, cancel, prev, next, complete
    }
}
