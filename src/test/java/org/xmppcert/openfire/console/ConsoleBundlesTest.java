package org.xmppcert.openfire.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jivesoftware.openfire.spi.ConnectionType;
import org.junit.jupiter.api.Test;
import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.acme.IssuanceProblem;
import org.xmppcert.core.classic.ClassicCaException;
import org.xmppcert.core.history.CertificateEventType;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.openfire.install.InstallOutcome;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateStatus;
import org.xmppcert.openfire.service.ClassicInstallReport;
import org.xmppcert.openfire.service.FailureReport;
import org.xmppcert.openfire.service.InstallReport;
import org.xmppcert.openfire.service.OrderProgress;
import org.xmppcert.openfire.service.Sentence;

/**
 * Every text the console shows comes from the plugin's bundle, and the English, German and French
 * bundles are complete: every key the pages and their beans use is in all three, and none has a
 * key the others lack. Keys a page builds from a value (such as {@code settings.ca.${preset}}) are
 * checked for every value the value can take, and so is every {@link Sentence} the service can
 * say, which the console and the ad-hoc commands both word.
 */
class ConsoleBundlesTest {

    private static final Path WEB = Path.of("web");
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java/org/xmppcert/openfire/console"),
            Path.of("src/main/java/org/xmppcert/openfire/service"));
    private static final List<String> LANGUAGES = List.of("", "_de", "_fr");
    private static final Pattern PAGE_KEY = Pattern.compile("<fmt:message\\s+key=\"([^\"]+)\"");
    private static final Pattern BEAN_KEY = Pattern.compile("(?:Message\\.key|Sentence\\.of)\\(\"([^\"]+)\"\\s*[,)]");

    /** The values each computed key in the pages can take. */
    private static final Map<String, List<String>> COMPUTED = Map.ofEntries(
            Map.entry("settings.ca.${preset}", names(CaPreset.values())),
            Map.entry("settings.keyType.${keyType}", names(KeyType.values())),
            Map.entry("settings.challengeType.${challengeType}", names(ChallengeType.values())),
            Map.entry("settings.challengeType.${challengeType}.hint", names(ChallengeType.values())),
            Map.entry("request.phase.${progress.phase}", names(OrderProgress.Phase.values())),
            Map.entry("request.state.${name.state}", names(OrderProgress.NameState.values())),
            Map.entry("history.type.${event.type}", names(CertificateEventType.values())),
            Map.entry("status.action.${action.kind}", names(CertificateStatus.CallToAction.Kind.values())),
            Map.entry("status.last-attempt.${attempt.outcome}", names(CertificateStatus.LastAttempt.Outcome.values())),
            Map.entry("revoke.reason.${reason}", RevokePage.REASONS),
            Map.entry("connection-type.${type}", names(ConnectionType.values())),
            Map.entry("${wordedMessage.key}", Stream.concat(outcomeKeys().stream(), Stream.of("failure.recorded"))
                    .toList()));

    @Test
    void everyKeyThePagesAndBeansUseIsInEveryBundle() throws IOException {
        Set<String> used = usedKeys();
        assertTrue(used.size() > 150, "keys found: " + used.size());

        for (String language : LANGUAGES) {
            Properties bundle = bundle(language);
            assertEquals(List.of(), used.stream().filter(key -> !bundle.containsKey(key)).toList(),
                    "missing from certificatemanager_i18n" + language + ".properties");
        }
    }

    /** A sentence whose text numbers its arguments differently in another language would lose or garble a fact. */
    @Test
    void everySentenceTheServiceSaysTakesTheSameArgumentsInEveryLanguage() throws IOException {
        Properties english = bundle("");
        List<String> keys = sentenceKeys();
        for (String language : LANGUAGES) {
            Properties bundle = bundle(language);
            assertEquals(List.of(), keys.stream().filter(key -> !bundle.containsKey(key)).toList(),
                    "missing from certificatemanager_i18n" + language + ".properties");
            for (String key : keys) {
                assertEquals(arguments(english.getProperty(key)), arguments(bundle.getProperty(key)), language + " " + key);
            }
        }
    }

    @Test
    void theBundlesHaveTheSameKeysAndNoEmptyText() throws IOException {
        Set<String> english = new TreeSet<>(bundle("").stringPropertyNames());
        for (String language : LANGUAGES) {
            Properties bundle = bundle(language);
            assertEquals(english, new TreeSet<>(bundle.stringPropertyNames()), language);
            assertEquals(List.of(), english.stream().filter(key -> bundle.getProperty(key).isBlank()).toList());
        }
    }

    /** A message with an argument goes through MessageFormat, which swallows a lone apostrophe. */
    @Test
    void messagesWithAnArgumentHaveNoLoneApostrophe() throws IOException {
        for (String language : LANGUAGES) {
            Properties bundle = bundle(language);
            List<String> broken = bundle.stringPropertyNames().stream()
                    .filter(key -> bundle.getProperty(key).contains("{0}"))
                    .filter(key -> bundle.getProperty(key).replace("''", "").contains("'"))
                    .toList();
            assertEquals(List.of(), broken, language);
        }
    }

    private static Set<String> usedKeys() throws IOException {
        Set<String> used = new TreeSet<>(SettingsForm.ERROR_KEYS);
        try (Stream<Path> files = Files.walk(WEB)) {
            for (Path page : files.filter(file -> file.toString().matches(".*\\.jspf?")).toList()) {
                for (String key : matches(PAGE_KEY, Files.readString(page))) {
                    if (key.contains("${")) {
                        List<String> values = COMPUTED.get(key);
                        assertTrue(values != null || key.equals("${message.key}"), page + " computes " + key);
                        if (values != null) {
                            String prefix = key.substring(0, key.indexOf("${"));
                            String suffix = key.substring(key.indexOf('}') + 1);
                            values.forEach(value -> used.add(prefix + value + suffix));
                        }
                    } else {
                        used.add(key);
                    }
                }
            }
        }
        for (Path directory : SOURCES) {
            try (Stream<Path> sources = Files.list(directory)) {
                for (Path source : sources.toList()) {
                    used.addAll(matches(BEAN_KEY, Files.readString(source)));
                }
            }
        }
        used.addAll(sentenceKeys());
        return used;
    }

    private static Properties bundle(String language) throws IOException {
        Properties bundle = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("i18n", "certificatemanager_i18n" + language
                + ".properties"), StandardCharsets.UTF_8)) {
            bundle.load(reader);
        }
        return bundle;
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> found = new java.util.ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    /**
     * Every key the end of a request can be worded with: each install verdict, the keystore written
     * now or later; each kind of failure, and for a failure at the CA each problem, its detail and
     * when to try again.
     */
    private static List<String> outcomeKeys() {
        Stream<Sentence> installs = Arrays.stream(InstallOutcome.Status.values())
                .flatMap(status -> Stream.of(true, false).map(written -> new InstallReport(status, Optional.empty(), 0,
                        0, written, Optional.empty()).sentence()));
        Stream<Sentence> failures = Stream.concat(Stream.of(FailureReport.notStarted("no thread"),
                                FailureReport.cancelled(), FailureReport.unexpected("boom")),
                        Arrays.stream(IssuanceProblem.values()).map(problem -> new FailureReport(
                                FailureReport.Kind.ISSUANCE, Optional.of(problem), List.of("example.org"),
                                Optional.of("the CA's detail"), Optional.of(Instant.EPOCH))))
                .flatMap(failure -> failure.sentences().stream());
        return Stream.concat(installs, failures).map(Sentence::key).distinct().toList();
    }

    /**
     * Every key a {@link Sentence} of the service can have that its sources do not spell out: how a
     * request ended, a classic certificate's refusal for each reason, and what was left out of its chain.
     */
    private static List<String> sentenceKeys() {
        Stream<String> classic = Stream.concat(
                Arrays.stream(ClassicCaException.Reason.values()).map(reason -> "classic.refused." + reason),
                new ClassicInstallReport(new InstallReport(InstallOutcome.Status.INSTALLED, Optional.empty(), 1, 1, true,
                        Optional.empty()), List.of("CN=Stranger")).sentences().stream().map(Sentence::key));
        return Stream.concat(outcomeKeys().stream(), classic).distinct().toList();
    }

    private static int arguments(String pattern) {
        return new MessageFormat(pattern.replace("'", "''")).getFormatsByArgumentIndex().length;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
