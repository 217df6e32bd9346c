package org.jivesoftware.openfire.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.xmpp.packet.JID;

/**
 * Stand-in for one execution of an ad-hoc command, with Openfire 5.x's signatures: who runs it, at
 * which stage it is (-1 before the first form, then 0, 1, ...), and the fields submitted at each
 * stage. The protected members are for Openfire's command manager, in this package.
 */
public class SessionData {

    private final Lock lock = new ReentrantLock();
    private final Instant creationInstant = Instant.now();
    private final String id;
    private final JID owner;
    private final Map<Integer, Map<String, List<String>>> submittedByStage = new TreeMap<>();
    private List<AdHocCommand.Action> allowedActions = new ArrayList<>();
    private AdHocCommand.Action executeAction;
    private int stage = -1;

    public SessionData(String sessionid, JID owner) {
        this.id = sessionid;
        this.owner = owner;
    }

    public String getId() {
        return id;
    }

    /** The full JID of the entity running the command. */
    public JID getOwner() {
        return owner;
    }

    public Instant getCreationInstant() {
        return creationInstant;
    }

    protected AdHocCommand.Action getExecuteAction() {
        return executeAction;
    }

    protected void setExecuteAction(AdHocCommand.Action executeAction) {
        this.executeAction = executeAction;
    }

    protected void setAllowedActions(List<AdHocCommand.Action> allowedActions) {
        this.allowedActions = allowedActions == null ? new ArrayList<>() : allowedActions;
    }

    protected boolean isValidAction(String actionName) {
        return allowedActions.stream().anyMatch(action -> action.name().equals(actionName));
    }

    /** Keeps the form submitted at the current stage, replacing an earlier submission of the same stage. */
    protected void addStageForm(Map<String, List<String>> data) {
        submittedByStage.put(stage, data);
    }

    /** The fields submitted at every stage, merged. */
    public Map<String, List<String>> getData() {
        Map<String, List<String>> merged = new HashMap<>();
        submittedByStage.values().forEach(merged::putAll);
        return merged;
    }

    public int getStage() {
        return stage;
    }

    protected void setStage(int stage) {
        this.stage = stage;
    }

    /** Held by the command manager while it processes a submission. */
    public Lock getLock() {
        return lock;
    }
}
