package org.xmppcert.openfire.adhoc;

import java.util.List;
import java.util.Optional;

import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** What a client reads in the server's answer to a command request. */
record CommandReply(IQ iq) {

    Element command() {
        return iq.getChildElement();
    }

    boolean isError() {
        return iq.getType() == IQ.Type.error;
    }

    PacketError.Condition error() {
        return iq.getError().getCondition();
    }

    String status() {
        return command().attributeValue("status");
    }

    String node() {
        return command().attributeValue("node");
    }

    String sessionId() {
        return command().attributeValue("sessionid");
    }

    /** The offered actions, e.g. [prev, complete]. */
    List<String> actions() {
        Element actions = command().element("actions");
        return actions == null ? List.of() : actions.elements().stream().map(Element::getName).toList();
    }

    String executeAction() {
        return command().element("actions").attributeValue("execute");
    }

    List<String> notes(String type) {
        return command().elements("note").stream()
                .filter(note -> type.equals(note.attributeValue("type")))
                .map(Element::getText)
                .toList();
    }

    Optional<DataForm> form() {
        Element x = command().element(QName.get("x", DataForm.NAMESPACE));
        return Optional.ofNullable(x).map(DataForm::new);
    }

    DataForm requireForm() {
        return form().orElseThrow(() -> new AssertionError("no form in " + command().asXML()));
    }

    FormField field(String variable) {
        FormField field = requireForm().getField(variable);
        if (field == null) {
            throw new AssertionError("no field " + variable + " in " + command().asXML());
        }
        return field;
    }

    /** The texts of the form's fixed fields, in order. */
    List<String> fixedTexts() {
        return requireForm().getFields().stream()
                .filter(field -> field.getType() == FormField.Type.fixed)
                .map(FormField::getFirstValue)
                .toList();
    }
}
