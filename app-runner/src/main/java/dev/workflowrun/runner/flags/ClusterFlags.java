package dev.workflowrun.runner.flags;

import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import dev.workflowrun.adapters.k8s.ClusterOptions;
import dev.workflowrun.runner.wiring.ClusterAccess;
import dev.workflowrun.runner.wiring.Environment;
import io.fabric8.kubernetes.client.Config;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** How to reach the cluster and how to read a Workflow's outcome there. */
public final class ClusterFlags {

    @Option(names = "--kubeconfig", paramLabel = "<file>", order = 30,
            description = "Kubeconfig file. Default: the pod's service account in a cluster, else $KUBECONFIG or ~/.kube/config.")
    Optional<Path> kubeconfig;

    @Option(names = "--kube-context", paramLabel = "<context>", order = 31, description = "Kubeconfig context. Default: the current one.")
    Optional<String> context;

    @Option(names = "--engine", paramLabel = "<engine>", order = 32, defaultValue = "auto", converter = EngineConverter.class,
            description = "How the outcome is read: chaos-mesh (Task pod exit codes and node conditions), status-phase (status.phase,"
                    + " e.g. Argo), or auto (by the Workflow's API group). Default: ${DEFAULT-VALUE}.")
    ClusterOptions.Engine engine;

    @Option(names = "--api-retry-budget", paramLabel = "<duration>", order = 33, defaultValue = "1m", converter = Converters.GoDurationConverter.class,
            description = "How long one Kubernetes API request may keep retrying 429, 5xx and timeouts (each retry is logged with its cause)."
                    + " Default: ${DEFAULT-VALUE}.")
    java.time.Duration retryBudget;

    @Option(names = "--chaos-mesh-namespace", paramLabel = "<namespace>", order = 34, defaultValue = ClusterOptions.DEFAULT_CHAOS_MESH_NAMESPACE,
            description = "Where Chaos Mesh's controller-manager runs: its version is read once (abort needs v2.2.0 or later), or the"
                    + " check is said to be skipped when the runner may not read it. Default: ${DEFAULT-VALUE}.")
    String chaosMeshNamespace;

    /**
     * Refuses a --kubeconfig that is not a file and a --kube-context that is not in the kubeconfig,
     * as kubectl does, before anything else happens.
     */
    public void validate() {
        if (kubeconfig.isPresent() && !java.nio.file.Files.isRegularFile(kubeconfig.get())) {
            throw new UsageException("--kubeconfig " + kubeconfig.get() + ": no such file; give the path of a kubeconfig file, or leave the flag"
                    + " out to use $KUBECONFIG, ~/.kube/config or, in a pod, its service account");
        }
        if (context.isEmpty()) {
            return;
        }
        KubernetesAdapters.Contexts known;
        try {
            known = KubernetesAdapters.contexts(kubeconfig);
        } catch (RuntimeException e) {
            throw new UsageException("--kube-context " + context.get() + ": the kubeconfig cannot be read (" + e.getMessage() + ")");
        }
        if (known.files().isEmpty()) {
            throw new UsageException("--kube-context " + context.get() + ": there is no kubeconfig ($KUBECONFIG, ~/.kube/config) to take it from;"
                    + " give --kubeconfig, or leave --kube-context out to use the pod's service account");
        }
        if (!known.names().contains(context.get())) {
            throw new UsageException("--kube-context " + context.get() + " is not a context of " + known.files() + "; the contexts are: "
                    + (known.names().isEmpty() ? "(none)" : String.join(", ", known.names())));
        }
    }

    /** With --kubeconfig, the namespace of its context; otherwise what the environment finds. */
    public Environment namespaceFrom(Environment environment) {
        if (kubeconfig.isEmpty()) {
            return environment;
        }
        return environment.withNamespaceLookup(() -> {
            try {
                return Optional.ofNullable(Config.fromKubeconfig(context.orElse(null), kubeconfig.get().toFile()).getNamespace());
            } catch (RuntimeException e) {
                throw new UsageException("--kubeconfig " + kubeconfig.get() + " cannot be read (" + e.getMessage()
                        + "); give a readable kubeconfig file or leave the flag out");
            }
        });
    }

    public ClusterAccess access() {
        return ClusterAccess.connecting(kubeconfig, context);
    }

    public ClusterOptions options() {
        return ClusterOptions.defaults().withEngine(engine).withRetryBudget(retryBudget).withChaosMeshNamespace(chaosMeshNamespace);
    }

    static final class EngineConverter implements CommandLine.ITypeConverter<ClusterOptions.Engine> {
        @Override
        public ClusterOptions.Engine convert(String value) {
            try {
                return ClusterOptions.Engine.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an engine; use auto, chaos-mesh or status-phase");
            }
        }
    }
}
