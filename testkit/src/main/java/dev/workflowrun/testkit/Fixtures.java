package dev.workflowrun.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;

/**
 * Small scenario files for tests and the sandbox. Each starts with a placeholder header
 * ({@code $SEI_NAMESPACE}, {@code $SEI_WORKFLOW_RUN_ID}, and for Chaos Mesh ones
 * {@code $SEITASK_IMAGE}), like the real scenarios.
 */
public enum Fixtures {

    /** Serial {@code smoke} (60m): {@code prepare} (5m), {@code run-test} (30m), {@code upload-report} (2m). */
    SMOKE_SERIAL("smoke-serial"),
    /** Serial {@code main} (60m): {@code provision}, Parallel {@code checks} ({@code check-rpc}, {@code check-validators}), {@code upload-report}. */
    SMOKE_PARALLEL("smoke-parallel"),
    /** An Argo-like Workflow ({@code argoproj.io/v1alpha1}) whose outcome is its {@code status.phase}. */
    ARGO_PHASE("argo-phase");

    private final String scenario;

    Fixtures(String scenario) {
        this.scenario = scenario;
    }

    /** The scenario name, which is also the Workflow name's prefix. */
    public String scenario() {
        return scenario;
    }

    /** The Workflow name for a run id: {@code <scenario>-<runId>}. */
    public String workflowName(String runId) {
        return scenario + "-" + runId;
    }

    /** The template text, placeholders and all. */
    public String template() {
        String path = "fixtures/" + scenario + ".yaml";
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the fixture " + path + " is missing from the testkit jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The template with {@code $NAME} replaced for each entry of {@code values} (longest names
     * first). A shortcut for tests that do not exercise rendering; the runner renders with the
     * domain's allow-list renderer.
     */
    public String render(Map<String, String> values) {
        String text = template();
        for (String name : values.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            text = text.replace("$" + name, values.get(name));
        }
        return text;
    }

    /** {@link #render} with the usual three values. */
    public String render(String namespace, String runId) {
        return render(Map.of("SEI_NAMESPACE", namespace, "SEI_WORKFLOW_RUN_ID", runId,
                "SEITASK_IMAGE", "ghcr.io/example/seitask:0123456789abcdef0123456789abcdef01234567"));
    }
}
