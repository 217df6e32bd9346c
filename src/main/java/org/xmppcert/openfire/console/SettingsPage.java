package org.xmppcert.openfire.console;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.servlet.http.HttpServletRequest;

import org.xmppcert.core.acme.ChallengeType;
import org.xmppcert.core.keys.KeyType;
import org.xmppcert.openfire.service.CaPreset;
import org.xmppcert.openfire.service.CertificateService;

/**
 * The bean behind certificate-settings.jsp. A GET shows the saved settings; a POST checks the
 * form, has the service check and save it, and either redirects (so that reloading does not save
 * again) or shows the form again as submitted, with each problem beside its field. Problems the
 * service reports for something that is not one field of the form are shown above it.
 */
public final class SettingsPage {

    /** The page itself, where a successful save returns to. */
    static final String PAGE = "certificate-settings.jsp";

    private final Map<String, String> values;
    private final Map<String, Message> problems;
    private final List<Message> generalProblems;
    private final boolean eabHmacKeySaved;
    private final boolean tsigSecretSaved;
    private final String redirect;

    private SettingsPage(Map<String, String> values, Map<String, Message> problems, List<Message> generalProblems,
                         boolean eabHmacKeySaved, boolean tsigSecretSaved, String redirect) {
        this.values = values;
        this.problems = problems;
        this.generalProblems = generalProblems;
        this.eabHmacKeySaved = eabHmacKeySaved;
        this.tsigSecretSaved = tsigSecretSaved;
        this.redirect = redirect;
    }

    public static SettingsPage handle(HttpServletRequest request, CertificateService service) {
        boolean eabSaved = service.hasSecret(SettingsForm.EAB_HMAC_KEY);
        boolean tsigSaved = service.hasSecret(SettingsForm.TSIG_SECRET);
        if (!"POST".equals(request.getMethod())) {
            return new SettingsPage(SettingsForm.valuesOf(service.settings()), Map.of(), List.of(), eabSaved,
                    tsigSaved, null);
        }
        SettingsForm.Outcome outcome = SettingsForm.read(request::getParameter, service::hasSecret);
        Map<String, Message> problems = new LinkedHashMap<>(outcome.problems());
        if (outcome.valid()) {
            service.saveSettings(outcome.settings(), outcome.secrets(), ConsoleContext.actor(request))
                    .forEach((field, problem) -> problems.put(field, Message.of(problem)));
        }
        if (problems.isEmpty()) {
            Notice.add(request.getSession(), Notice.Kind.SUCCESS, Message.key("settings.saved"));
            return new SettingsPage(Map.of(), Map.of(), List.of(), eabSaved, tsigSaved, PAGE);
        }
        List<Message> general = problems.entrySet().stream()
                .filter(problem -> !SettingsForm.FIELDS.contains(problem.getKey()))
                .map(Map.Entry::getValue)
                .toList();
        problems.keySet().retainAll(SettingsForm.FIELDS);
        return new SettingsPage(SettingsForm.submittedValues(request::getParameter), problems, general, eabSaved,
                tsigSaved, null);
    }

    /** Where to send the browser instead of showing the page, or null. */
    public String getRedirect() {
        return redirect;
    }

    /** The text of each field, by field name. */
    public Map<String, String> getValues() {
        return values;
    }

    /** The problem with each field that has one, by field name. */
    public Map<String, Message> getProblems() {
        return problems;
    }

    /** Problems the service found that belong to no single field. */
    public List<Message> getGeneralProblems() {
        return generalProblems;
    }

    public boolean isFailed() {
        return !problems.isEmpty() || !generalProblems.isEmpty();
    }

    public boolean isEabHmacKeySaved() {
        return eabHmacKeySaved;
    }

    public boolean isTsigSecretSaved() {
        return tsigSecretSaved;
    }

    public List<CaPreset> getPresets() {
        return Arrays.asList(CaPreset.values());
    }

    /** The ACME directory of each preset that has one, by preset name, to show beside the choice. */
    public Map<String, String> getPresetDirectories() {
        Map<String, String> directories = new LinkedHashMap<>();
        for (CaPreset preset : CaPreset.values()) {
            preset.directory().ifPresent(directory -> directories.put(preset.name(), directory.toString()));
        }
        return directories;
    }

    /** Names of the presets whose CA issues only to accounts bound to one registered with it, comma-separated. */
    public String getPresetsNeedingEab() {
        return Arrays.stream(CaPreset.values()).filter(CaPreset::requiresExternalAccountBinding).map(Enum::name)
                .collect(Collectors.joining(","));
    }

    public List<KeyType> getKeyTypes() {
        return Arrays.asList(KeyType.values());
    }

    public List<ChallengeType> getChallengeTypes() {
        return Arrays.asList(ChallengeType.values());
    }

    public List<String> getTsigAlgorithms() {
        return SettingsForm.TSIG_ALGORITHMS;
    }
}
