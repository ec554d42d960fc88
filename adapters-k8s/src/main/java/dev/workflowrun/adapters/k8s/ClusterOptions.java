package dev.workflowrun.adapters.k8s;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the cluster adapter behaves.
 *
 * @param engine       how to read a Workflow's outcome; {@link Engine#AUTO} picks by the manifest's apiVersion and kind
 * @param retryBudget  how long one API call may keep retrying 429 and 5xx answers (bounded exponential backoff) before it fails
 * @param pollInterval the longest the adapter waits on watch events before it looks at the cancellation again
 * @param retryNotices told of each retried request, with its cause, so a user sees why a run waits
 * @param chaosMeshNamespace where the Chaos Mesh controller-manager Deployment is looked for (its version decides what cleanup can rely on)
 */
public record ClusterOptions(Engine engine, Duration retryBudget, Duration pollInterval, Consumer<String> retryNotices,
                             String chaosMeshNamespace) {

    /** The namespace Chaos Mesh's Helm chart is usually installed into. */
    public static final String DEFAULT_CHAOS_MESH_NAMESPACE = "chaos-mesh";

    /** How the outcome of a Workflow is read. */
    public enum Engine {
        /** {@link #CHAOS_MESH} for {@code chaos-mesh.org} Workflows, {@link #STATUS_PHASE} for anything else. */
        AUTO,
        /** Conditions on the Workflow and its WorkflowNodes, exit codes of the Task pods. */
        CHAOS_MESH,
        /** {@code .status.phase} (Argo Workflows: Succeeded, Failed, Error). */
        STATUS_PHASE
    }

    public ClusterOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(retryBudget, "retryBudget");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(retryNotices, "retryNotices");
        Objects.requireNonNull(chaosMeshNamespace, "chaosMeshNamespace");
        if (retryBudget.isNegative()) {
            throw new IllegalArgumentException("the retry budget must not be negative, was " + retryBudget);
        }
        if (pollInterval.isNegative() || pollInterval.isZero() || pollInterval.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("the poll interval must be between 1 ms and 1 s (cancellation must be noticed quickly), was "
                    + pollInterval);
        }
    }

    /** Engine by manifest, one minute of retries per call, cancellation noticed within 100 ms. */
    public static ClusterOptions defaults() {
        return new ClusterOptions(Engine.AUTO, Duration.ofMinutes(1), Duration.ofMillis(100), notice -> { }, DEFAULT_CHAOS_MESH_NAMESPACE);
    }

    public ClusterOptions withEngine(Engine newEngine) {
        return new ClusterOptions(newEngine, retryBudget, pollInterval, retryNotices, chaosMeshNamespace);
    }

    public ClusterOptions withRetryBudget(Duration budget) {
        return new ClusterOptions(engine, budget, pollInterval, retryNotices, chaosMeshNamespace);
    }

    public ClusterOptions withRetryNotices(Consumer<String> notices) {
        return new ClusterOptions(engine, retryBudget, pollInterval, notices, chaosMeshNamespace);
    }

    public ClusterOptions withChaosMeshNamespace(String namespace) {
        return new ClusterOptions(engine, retryBudget, pollInterval, retryNotices, namespace);
    }
}
