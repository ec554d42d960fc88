package dev.workflowrun.survey.classify;

import dev.workflowrun.survey.bash.BashScript;
import dev.workflowrun.survey.bash.Effect;
import dev.workflowrun.survey.bash.Effects;
import dev.workflowrun.survey.bash.Step;
import dev.workflowrun.survey.scenario.CronJobFacts;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What each variable is to the runner, read from what the wrapper does with it rather than from its name:
 * the namespace and the run id are the placeholders the Workflow's metadata is made of; a credential is a
 * secret the wrapper sends somewhere; an input is a CronJob value the wrapper reads (a config it parses,
 * a debug switch). None of them is ever a --var.
 */
final class Roles {

    static final String NAMESPACE = "--namespace";
    static final String RUN_ID = "--run-id";
    static final String TOKEN_ENV = "--git-token-env";
    static final String TOKEN_FILE = "--git-token-file";
    static final String BESPOKE = "bespoke";
    static final String CREDENTIAL = "credential";
    static final String INPUT = "input";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|WEBHOOK|CREDENTIAL).*");
    /** Tools that read a token from the environment without the wrapper naming it. */
    private static final Map<String, List<String>> IMPLICIT = Map.of("gh", List.of("GH_TOKEN", "GITHUB_TOKEN", "GH_ENTERPRISE_TOKEN"));

    private Roles() {
    }

    static boolean isCredential(String role) {
        return role != null && (role.equals(TOKEN_ENV) || role.equals(TOKEN_FILE) || role.equals(BESPOKE) || role.equals(CREDENTIAL));
    }

    static Map<String, String> of(BashScript script, String wrapperText, Set<String> declared, Optional<CronJobFacts> cronjob,
                                  String namespaceVar, String runIdVar) {
        Map<String, String> roles = new TreeMap<>();
        if (!namespaceVar.isEmpty()) {
            roles.put(namespaceVar, NAMESPACE);
        }
        if (!runIdVar.isEmpty()) {
            roles.put(runIdVar, RUN_ID);
        }
        if (cronjob.isEmpty()) {
            return roles;
        }
        String code = withoutComments(wrapperText);
        Effects effects = new Effects(script);
        Set<String> secretRefs = secretRefs(cronjob.get());
        for (String n : cronjob.get().env().keySet()) {
            if (roles.containsKey(n) || declared.contains(n) || n.equals(ScenarioSurveyor.REF_VARIABLE) || n.startsWith("AWS_")) {
                continue;
            }
            Set<String> names = aliases(script, n);
            List<Step> using = script.steps().stream().filter(s -> names.stream().anyMatch(a -> reads(s.text(), a))
                    || IMPLICIT.getOrDefault(s.name(), List.of()).contains(n)).toList();
            boolean read = !using.isEmpty() || names.stream().anyMatch(a -> reads(code, a));
            if (!read) {
                continue;
            }
            if (SECRET_NAME.matcher(n).matches() || secretRefs.contains(n)) {
                Optional<Step> fetch = using.stream().filter(s -> effects.of(s).target() == Effect.Target.SCENARIO_SOURCE).findFirst();
                if (fetch.isPresent()) {
                    boolean file = n.matches(".*_(FILE|PATH)$") || names.stream().anyMatch(a -> Pattern.compile(
                            "\\$\\(\\s*cat\\s+\"?\\$\\{?" + Pattern.quote(a) + "\\b").matcher(fetch.get().text()).find());
                    roles.put(n, file ? TOKEN_FILE : TOKEN_ENV);
                } else if (using.stream().anyMatch(s -> effects.of(s).mutates())) {
                    roles.put(n, BESPOKE);
                } else {
                    roles.put(n, CREDENTIAL);
                }
            } else {
                roles.put(n, INPUT);
            }
        }
        return roles;
    }

    /** The variable and the wrapper variables assigned from it (one hop: {@code NS=${CHAOS_NS:-x}}). */
    private static Set<String> aliases(BashScript script, String name) {
        Set<String> out = new HashSet<>();
        out.add(name);
        script.assignments().forEach(a -> {
            if (reads(a.value(), name)) {
                out.add(a.name());
            }
        });
        return out;
    }

    static boolean reads(String text, String name) {
        return text.contains(name) && Pattern.compile("\\$\\{?" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(text).find()
;
    }

    private static String withoutComments(String text) {
        StringBuilder sb = new StringBuilder();
        for (String l : text.split("\n", -1)) {
            if (!l.stripLeading().startsWith("#")) {
                sb.append(l).append('\n');
            }
        }
        return sb.toString();
    }

    /** Env entries of the CronJob's container whose value comes from a Secret. */
    private static Set<String> secretRefs(CronJobFacts c) {
        Set<String> out = new HashSet<>();
        var env = c.tree().path("spec").path("jobTemplate").path("spec").path("template").path("spec").path("containers").path(0).path("env");
        for (var e : env) {
            if (e.path("valueFrom").has("secretKeyRef")) {
                out.add(e.path("name").asString(""));
            }
        }
        return out;
    }
}
