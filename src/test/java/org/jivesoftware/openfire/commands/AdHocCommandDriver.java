package org.jivesoftware.openfire.commands;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Processes XEP-0050 command IQs the way Openfire 5.x's command manager on the server's JID does
 * (as its documentation and behaviour describe it), so that tests drive the plugin's commands as a
 * client talking to Openfire would:
 * <ul>
 *     <li>a request without {@code sessionid} starts a session: unknown node {@code item-not-found},
 *     {@link AdHocCommand#hasPermission} false {@code forbidden} (the reply carries back only the
 *     request's own element); zero stages run {@code execute} at once ({@code completed}), otherwise
 *     the first stage's form and actions ({@code executing});</li>
 *     <li>a later request names the session: unknown {@code bad-request}; {@code cancel} ends the
 *     session; no action or {@code execute} means the stage's execute action; an action the stage
 *     did not offer is {@code bad-request}; {@code prev} shows the previous stage; {@code next} and
 *     {@code complete} keep the submitted form's fields for that stage, then show the next stage,
 *     or execute and end the session.</li>
 * </ul>
 * Openfire also answers {@code cancel} by checking it against the offered actions, which never
 * include it (XEP-0050 offers only prev, next and complete), so a cancel ends the session and is
 * answered {@code bad-request}; this driver does the same. Openfire's session limits and timeouts
 * are not reproduced. Disco#items lists only the commands the requester may run.
 */
public final class AdHocCommandDriver {

    public static final String NAMESPACE = "http://jabber.org/protocol/commands";

    private final Map<String, AdHocCommand> commands = new LinkedHashMap<>();
    private final Map<String, SessionData> sessions = new HashMap<>();

    public AdHocCommandDriver(List<? extends AdHocCommand> commands) {
        commands.forEach(command -> this.commands.put(command.getCode(), command));
    }

    /** What disco#items on the commands node answers the requester: node to label. */
    public Map<String, String> discoverableCommands(JID requester) {
        Map<String, String> listed = new LinkedHashMap<>();
        commands.values().stream()
                .filter(command -> command.hasPermission(requester))
                .forEach(command -> listed.put(command.getCode(), command.getLabel()));
        return listed;
    }

    public int openSessions() {
        return sessions.size();
    }

    /** A request that starts a command. */
    public static IQ start(JID from, JID server, String node) {
        IQ request = new IQ(IQ.Type.set);
        request.setFrom(from);
        request.setTo(server);
        request.setChildElement("command", NAMESPACE).addAttribute("node", node).addAttribute("action", "execute");
        return request;
    }

    /**
     * A request in a running session, as clients send it.
     *
     * @param action   null for none (the stage's execute action applies)
     * @param submitted the filled-in fields (a {@code submit} form), or null for none
     */
    public static IQ continueSession(JID from, JID server, String node, String sessionId, String action,
                                     Map<String, List<String>> submitted) {
        IQ request = new IQ(IQ.Type.set);
        request.setFrom(from);
        request.setTo(server);
        Element command = request.setChildElement("command", NAMESPACE);
        command.addAttribute("node", node).addAttribute("sessionid", sessionId);
        if (action != null) {
            command.addAttribute("action", action);
        }
        if (submitted != null) {
            DataForm form = new DataForm(DataForm.Type.submit);
            submitted.forEach((variable, values) -> {
                FormField field = form.addField();
                field.setVariable(variable);
                values.forEach(field::addValue);
            });
            command.add(form.getElement());
        }
        return request;
    }

    public IQ process(IQ request) {
        IQ reply = IQ.createResultIQ(request);
        Element received = request.getChildElement();
        if (request.getType() != IQ.Type.set) {
            return error(reply, received, PacketError.Condition.bad_request);
        }
        String node = received.attributeValue("node");
        String sessionId = received.attributeValue("sessionid");
        AdHocCommand command = commands.get(node);
        if (sessionId == null) {
            if (command == null) {
                return error(reply, received, PacketError.Condition.item_not_found);
            }
            if (!command.hasPermission(request.getFrom())) {
                return error(reply, received, PacketError.Condition.forbidden);
            }
            sessionId = UUID.randomUUID().toString();
            SessionData session = new SessionData(sessionId, request.getFrom());
            Element answer = reply.setChildElement("command", NAMESPACE);
            if (command.getMaxStages(session) == 0) {
                command.execute(session, answer);
                describe(answer, sessionId, node, AdHocCommand.Status.completed);
            } else {
                sessions.put(sessionId, session);
                describe(answer, sessionId, node, AdHocCommand.Status.executing);
                command.addNextStageInformation(session, answer);
            }
            return reply;
        }

        SessionData session = sessions.get(sessionId);
        if (session == null) {
            return error(reply, received, PacketError.Condition.bad_request);
        }
        String action = received.attributeValue("action");
        session.getLock().lock();
        try {
            if (AdHocCommand.Action.cancel.name().equals(action)) {
                sessions.remove(sessionId);
                describe(reply.setChildElement("command", NAMESPACE), sessionId, node, AdHocCommand.Status.canceled);
            }
            if (action == null || AdHocCommand.Action.execute.name().equals(action)) {
                action = session.getExecuteAction().name();
            }
            if (!session.isValidAction(action)) {
                return error(reply, received, PacketError.Condition.bad_request);
            }
            if (AdHocCommand.Action.prev.name().equals(action)) {
                Element answer = reply.setChildElement("command", NAMESPACE);
                describe(answer, sessionId, node, AdHocCommand.Status.executing);
                command.addPreviousStageInformation(session, answer);
            } else if (AdHocCommand.Action.next.name().equals(action)) {
                keepSubmittedForm(received, session);
                Element answer = reply.setChildElement("command", NAMESPACE);
                describe(answer, sessionId, node, AdHocCommand.Status.executing);
                command.addNextStageInformation(session, answer);
            } else if (AdHocCommand.Action.complete.name().equals(action)) {
                keepSubmittedForm(received, session);
                Element answer = reply.setChildElement("command", NAMESPACE);
                command.execute(session, answer);
                describe(answer, sessionId, node, AdHocCommand.Status.completed);
                sessions.remove(sessionId);
            }
        } finally {
            session.getLock().unlock();
        }
        return reply;
    }

    private static IQ error(IQ reply, Element received, PacketError.Condition condition) {
        reply.setChildElement(received.createCopy());
        reply.setError(condition);
        return reply;
    }

    private static void describe(Element answer, String sessionId, String node, AdHocCommand.Status status) {
        answer.addAttribute("sessionid", sessionId);
        answer.addAttribute("node", node);
        answer.addAttribute("status", status.name());
    }

    private static void keepSubmittedForm(Element received, SessionData session) {
        Element formElement = received.element(QName.get("x", DataForm.NAMESPACE));
        if (formElement == null) {
            return;
        }
        Map<String, List<String>> fields = new HashMap<>();
        for (FormField field : new DataForm(formElement).getFields()) {
            fields.put(field.getVariable(), new ArrayList<>(field.getValues()));
        }
        session.addStageForm(fields);
    }
}
