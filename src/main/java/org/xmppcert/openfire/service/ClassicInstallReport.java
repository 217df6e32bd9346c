package org.xmppcert.openfire.service;

import java.util.ArrayList;
import java.util.List;

/**
 * How handing in a classic CA's certificate ended, as facts: the install, and the certificates of
 * the CA's answer that were left out because they are not part of the chain. The console and the
 * ad-hoc command each word its {@link #sentences()} in the reader's language.
 *
 * @param install how the install and its TLS handshake check ended
 * @param leftOut the subjects of the certificates left out
 */
public record ClassicInstallReport(InstallReport install, List<String> leftOut) {

    public ClassicInstallReport {
        leftOut = List.copyOf(leftOut);
    }

    public boolean installed() {
        return install.installed();
    }

    /** The install's sentence, then {@code classic.left-out} with the count and the subjects if any were. */
    public List<Sentence> sentences() {
        List<Sentence> sentences = new ArrayList<>(List.of(install.sentence()));
        if (!leftOut.isEmpty()) {
            sentences.add(Sentence.of("classic.left-out", leftOut.size(), String.join("; ", leftOut)));
        }
        return List.copyOf(sentences);
    }
}
