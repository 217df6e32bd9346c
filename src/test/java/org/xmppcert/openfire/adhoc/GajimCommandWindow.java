package org.xmppcert.openfire.adhoc;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.dom4j.Document;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * Gajim's ad-hoc command window, run by Gajim's own code in a Python process under Xvfb
 * ({@code src/test/python/gajim_adhoc_render.py}): it sends the IQs Gajim sends, shows the server's
 * replies as Gajim shows them, draws each into a PNG and says what is on screen.
 *
 * <p>Gajim is the Debian package {@code gajim}, which installs into Debian's Python, so the script
 * runs with {@code /usr/bin/python3} whatever {@code python3} is first on the path. A missing
 * Gajim, Python or Xvfb fails {@link #open}: a rendering test that cannot render has not passed.
 */
final class GajimCommandWindow implements AutoCloseable {

    private static final Path SCRIPT = Path.of("src", "test", "python", "gajim_adhoc_render.py");
    private static final long ANSWER_SECONDS = 60;

    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader answers;
    private final Path log;

    private GajimCommandWindow(Process process, Path log) throws IOException {
        this.process = process;
        this.log = log;
        this.requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Element ready = read();
        if (!"ready".equals(ready.getName())) {
            throw new AssertionError("Gajim did not start: " + ready.asXML() + "\n" + log());
        }
    }

    /** @param log where the renderer's own messages (GTK warnings, tracebacks) go */
    static GajimCommandWindow open(Path log) throws IOException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder("xvfb-run", "-a", "/usr/bin/python3", SCRIPT.toString())
                .redirectError(log.toFile())
                .start();
        return new GajimCommandWindow(process, log);
    }

    /** What Gajim sends when the admin picks the command and clicks Execute. */
    IQ execute(JID admin, JID server, String node, String name) {
        Element request = DocumentHelper.createElement("start");
        request.addAttribute("jid", server.toString()).addAttribute("node", node).addAttribute("name", name);
        Element started = ask(request);
        return sent(started, admin).orElseThrow(() -> new AssertionError("Gajim sent nothing: " + started.asXML()));
    }

    /**
     * Shows a reply, then types the values into their widgets and clicks a button, as the admin would.
     *
     * @param press prev, next or complete; null to only look
     */
    Shown show(IQ reply, Path png, Map<String, List<String>> typed, String press) {
        Element request = DocumentHelper.createElement("show");
        request.addAttribute("png", png.toAbsolutePath().toString());
        if (press != null) {
            request.addAttribute("press", press);
        }
        request.addElement("reply").setText(reply.toXML());
        typed.forEach((variable, values) -> {
            Element field = request.addElement("fill").addAttribute("var", variable);
            values.forEach(value -> field.addElement("value").setText(value));
        });
        return new Shown(ask(request), reply.getTo());
    }

    private Element ask(Element request) {
        try {
            // One request a line: line breaks inside texts travel as character references.
            requests.write(request.asXML().replace("\r", "&#13;").replace("\n", "&#10;"));
            requests.newLine();
            requests.flush();
        } catch (IOException e) {
            throw new AssertionError("Gajim's window is gone:\n" + log(), e);
        }
        Element answer = read();
        if ("failed".equals(answer.getName())) {
            throw new AssertionError("Gajim failed on " + request.asXML() + ":\n" + answer.elementText("error"));
        }
        return answer;
    }

    private Element read() {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return answers.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            String answer = line.get(ANSWER_SECONDS, TimeUnit.SECONDS);
            if (answer == null) {
                throw new AssertionError("Gajim's window closed:\n" + log());
            }
            return DocumentHelper.parseText(answer).getRootElement();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException | DocumentException e) {
            throw new AssertionError("No answer from Gajim's window:\n" + log(), e);
        }
    }

    private static Optional<IQ> sent(Element answer, JID admin) {
        String sent = answer.elementText("sent");
        if (sent == null || sent.isEmpty() || "None".equals(sent)) {
            return Optional.empty();
        }
        try {
            Document document = DocumentHelper.parseText(sent);
            // Without stringprep, as Openfire hands packets on (the library Tinder would use is not on Maven Central).
            IQ iq = new IQ(document.getRootElement(), true);
            // The connection stamps what Gajim's stanza leaves to it: the sender and an id.
            iq.setFrom(admin);
            iq.setID("gajim-" + System.nanoTime());
            return Optional.of(iq);
        } catch (DocumentException e) {
            throw new AssertionError("Gajim sent no XML: " + sent, e);
        }
    }

    private String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws IOException {
        requests.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }

    /** What Gajim's window showed for one reply: the {@code <rendered>} answer of the script. */
    record Shown(Element rendered, JID admin) {

        String page() {
            return rendered.attributeValue("page");
        }

        Optional<String> gajimFailure() {
            return Optional.ofNullable(rendered.elementText("gajim-failure"));
        }

        Optional<String> title() {
            return Optional.ofNullable(rendered.elementText("title"));
        }

        Optional<String> instructions() {
            return Optional.ofNullable(rendered.elementText("instructions"));
        }

        List<String> notes() {
            return rendered.elements("note").stream().map(Element::getText).toList();
        }

        /** The rows of the form, in order: fields with their widget, and fixed texts. */
        List<Element> fields() {
            return rendered.elements("field");
        }

        /** The fields of the form Gajim left out, by variable. */
        List<String> notShown() {
            return rendered.elements("not-shown").stream().map(field -> field.attributeValue("var")).toList();
        }

        boolean scrollsSideways() {
            Element scroll = rendered.element("scroll");
            return scroll != null && "true".equals(scroll.attributeValue("horizontal"));
        }

        /** The buttons on screen by action, each "sensitive" or "insensitive", "default" first. */
        List<String> buttons() {
            return rendered.elements("button").stream()
                    .sorted((a, b) -> Boolean.compare("true".equals(b.attributeValue("default")),
                            "true".equals(a.attributeValue("default"))))
                    .map(button -> button.attributeValue("name")
                            + ("true".equals(button.attributeValue("sensitive")) ? "" : " (insensitive)"))
                    .toList();
        }

        /** The IQ Gajim sent when the button was clicked. */
        IQ sent() {
            return GajimCommandWindow.sent(rendered, admin)
                    .orElseThrow(() -> new AssertionError("Gajim sent nothing: " + rendered.asXML()));
        }
    }
}
