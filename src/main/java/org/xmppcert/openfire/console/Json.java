package org.xmppcert.openfire.console;

/**
 * Just enough of a JSON writer for the progress endpoint: objects, arrays, strings, booleans and
 * null, with every string escaped as RFC 8259 requires. The characters {@code <}, {@code >} and
 * {@code &} are escaped too, so that no value can ever close a script element or start markup if
 * the JSON ends up inside a page.
 */
final class Json {

    private final StringBuilder out = new StringBuilder();
    private boolean needsComma;

    Json open() {
        separate();
        out.append('{');
        needsComma = false;
        return this;
    }

    Json close() {
        out.append('}');
        needsComma = true;
        return this;
    }

    Json array(String name) {
        name(name);
        out.append('[');
        needsComma = false;
        return this;
    }

    Json endArray() {
        out.append(']');
        needsComma = true;
        return this;
    }

    Json field(String name, String value) {
        name(name);
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        needsComma = true;
        return this;
    }

    Json field(String name, boolean value) {
        name(name);
        out.append(value);
        needsComma = true;
        return this;
    }

    private void name(String name) {
        separate();
        string(name);
        out.append(':');
    }

    private void separate() {
        if (needsComma) {
            out.append(',');
        }
    }

    private void string(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
