package dev.workflowrun.domain.pipeline;

import java.util.Objects;

/**
 * How the identity roles (the run-id and the namespace placeholders, see
 * {@link dev.workflowrun.domain.variables.IdentityRoles}) are bound when a scenario is rendered:
 * by a real run, to its run id, or, when no run exists yet ({@code lint}, build-time {@code verify}),
 * to a stand-in run id. The stand-in ids live here and nowhere else.
 */
public sealed interface IdentityBinding {

    /** The run id {@code lint} renders with. */
    String LINT_RUN_ID = "lint";

    /** The run id build-time {@code verify} renders with, when no run exists yet. */
    String BUILD_TIME_RUN_ID = "verify";

    String runId();

    String namespace();

    /** The name a Workflow of {@code scenario} must have under this binding. */
    default String workflowName(String scenario) {
        return scenario + "-" + runId();
    }

    /** A real run's identity. */
    static IdentityBinding of(String runId, String namespace) {
        return new OfRun(runId, namespace);
    }

    /** What {@code lint} renders with: the stand-in run id {@value #LINT_RUN_ID}. */
    static IdentityBinding lintStandIn(String namespace) {
        return new StandIn(LINT_RUN_ID, namespace);
    }

    /** What build-time {@code verify} renders with: the stand-in run id {@value #BUILD_TIME_RUN_ID}. */
    static IdentityBinding buildTimeStandIn(String namespace) {
        return new StandIn(BUILD_TIME_RUN_ID, namespace);
    }

    record OfRun(String runId, String namespace) implements IdentityBinding {
        public OfRun {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    record StandIn(String runId, String namespace) implements IdentityBinding {
        public StandIn {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(namespace, "namespace");
        }
    }
}
