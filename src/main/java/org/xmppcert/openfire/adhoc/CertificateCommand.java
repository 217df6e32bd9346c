package org.xmppcert.openfire.adhoc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dom4j.Element;
import org.jivesoftware.openfire.XMPPServer;
import org.jivesoftware.openfire.commands.AdHocCommand;
import org.jivesoftware.openfire.commands.SessionData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmppcert.core.history.CertificateEvent;
import org.xmppcert.openfire.service.CertificateService;

/**
 * What every certificate command shares: its node under the plugin's namespace, texts in the
 * requester's language, forms that clients recognise by their {@code FORM_TYPE}, and an audit
 * record of each execution with the admin who ran it.
 *
 * <p>Openfire asks {@link #hasPermission} (admins only, by bare JID) before a session starts and
 * lists a command in service discovery only to those it permits, so a non-admin learns nothing.
 * The execution checks again, because an admin may lose the right while a form is open.
 */
abstract class CertificateCommand extends AdHocCommand {

    /** The namespace of the plugin's command nodes; each command appends its name. */
    static final String NODE_PREFIX = "urn:xmpp:certificatemanager:";

    private static final Logger LOG = LoggerFactory.getLogger(CertificateCommand.class);

    /** Admins of servers in several time zones read the same log; UTC spelt out avoids guessing. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    protected final CertificateService service;
    private final AuditLog audit;

    CertificateCommand(CertificateService service, AuditLog audit) {
        this.service = service;
        this.audit = audit;
    }

    /** The command's name after {@link #NODE_PREFIX}, also the middle of its text keys. */
    abstract String name();

    @Override
    public final String getCode() {
        return NODE_PREFIX + name();
    }

    /** Openfire calls this from its constructor, so it may use {@link #name()} but no field. */
    @Override
    public final String getDefaultLabel() {
        return Texts.serverLanguage().get("adhoc." + name() + ".label");
    }

    @Override
    public final void execute(SessionData data, Element command) {
        JID requester = data.getOwner();
        Texts texts = Texts.forRequester(requester);
        String outcome;
        if (!hasPermission(requester)) {
            note(command, NoteType.error, texts.get("adhoc.forbidden"));
            outcome = "refused: the requester is no longer an admin";
        } else {
            try {
                outcome = run(data, command, texts);
            } catch (RuntimeException e) {
                LOG.warn("The certificate command {} failed for {}", getCode(), requester.toBareJID(), e);
                note(command, NoteType.error, texts.get("adhoc.failed"));
                outcome = "failed: " + e;
            }
        }
        audit.record(actor(requester), "Certificate Manager command " + name() + " by " + requester.toBareJID(),
                outcome);
    }

    /**
     * Does what the admin asked with everything submitted, and answers with a form or notes.
     *
     * @return what was done, for the audit record; never a secret
     */
    abstract String run(SessionData data, Element command, Texts texts);

    /**
     * The name the service records as the actor: an admin of this server by username, as the
     * admin console does, an admin of another domain by bare JID.
     */
    static String actor(JID requester) {
        return XMPPServer.getInstance().isLocal(requester) ? requester.getNode() : requester.toBareJID();
    }

    /** Who started something, as the requester reads it: an admin by name, the scheduler in words. */
    static String actorWords(String actor, Texts texts) {
        return CertificateEvent.SCHEDULER.equals(actor) ? texts.get("adhoc.status.actor.scheduler") : actor;
    }

    enum NoteType { info, warn, error }

    static void note(Element command, NoteType type, String text) {
        command.addElement("note").addAttribute("type", type.name()).setText(text);
    }

    /** A form to fill in, or a result to read, that clients can tell apart by the command's node. */
    DataForm form(DataForm.Type type, String title, String instructions) {
        DataForm form = new DataForm(type);
        form.setTitle(title);
        if (instructions != null) {
            form.addInstruction(instructions);
        }
        form.addField("FORM_TYPE", null, FormField.Type.hidden).addValue(getCode());
        return form;
    }

    static FormField field(DataForm form, String variable, FormField.Type type, String label, boolean required) {
        FormField field = form.addField(variable, label, type);
        field.setRequired(required);
        return field;
    }

    /**
     * Offers the choices in order, value to label, numbering a label that repeats: Psi submits the
     * first option that carries the chosen label, so two options with one label would always submit
     * the first of them. The number goes in front, where a closed list that cuts a long label short
     * still shows it.
     */
    static void options(FormField field, Map<String, String> labels) {
        Map<String, Integer> seen = new HashMap<>();
        labels.forEach((value, label) -> {
            int count = seen.merge(label, 1, Integer::sum);
            field.addOption(count == 1 ? label : "(" + count + ") " + label, value);
        });
    }

    static void fixed(DataForm form, String text) {
        form.addField(null, null, FormField.Type.fixed).addValue(text);
    }

    /** The first non-blank value submitted for a field at any stage. */
    static Optional<String> value(SessionData data, String variable) {
        return values(data, variable).stream().filter(v -> !v.isBlank()).findFirst().map(String::strip);
    }

    static List<String> values(SessionData data, String variable) {
        Map<String, List<String>> submitted = data.getData();
        List<String> values = submitted.get(variable);
        return values == null ? List.of() : values;
    }

    /** XEP-0004 booleans are {@code 1}/{@code true} or {@code 0}/{@code false}. */
    static Optional<Boolean> flag(SessionData data, String variable) {
        return value(data, variable).map(v -> "1".equals(v) || "true".equalsIgnoreCase(v));
    }

    static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
