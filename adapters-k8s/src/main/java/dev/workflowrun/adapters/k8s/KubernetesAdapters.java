package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.FollowTaskLogsPort;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.drift.LiveImagePort;
import dev.workflowrun.domain.manifest.ReadManifestPort;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The adapters of this module, behind the domain's ports. The only public entry point. */
public final class KubernetesAdapters {

    /** Where a pod finds its own namespace. */
    static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private KubernetesAdapters() {
    }

    /** Reads rendered manifests as data (multi-document YAML, bounded against alias bombs and huge input). */
    public static ReadManifestPort manifestReader() {
        return new Fabric8ManifestReader();
    }

    /**
     * The workflow cluster over {@code client}. The adapter retries 429 and 5xx itself and counts
     * each attempt, so give it a client that does not retry on its own (as {@link #connect} builds).
     */
    public static WorkflowClusterPort cluster(KubernetesClient client, ClusterOptions options) {
        return new Fabric8WorkflowCluster(client, options);
    }

    /** The Task logs of a Workflow as they are written ({@code --follow-logs}), re-reading a closed stream every {@code reopenEvery}. */
    public static FollowTaskLogsPort taskLogs(KubernetesClient client, Duration reopenEvery) {
        return new Fabric8TaskLogs(client, reopenEvery);
    }

    /** Images of live Deployments, for the drift check against the cluster. */
    public static LiveImagePort liveImages(KubernetesClient client) {
        return new Fabric8LiveImages(client, new KubernetesCalls(ClusterOptions.defaults().retryBudget()));
    }

    /**
     * A client from the kubeconfig (the named context, or the current one) or, inside a pod,
     * from the service account. The client's own retries are turned off: the adapter owns the
     * retry policy and counts every request.
     */
    public static KubernetesClient connect(Optional<String> context) {
        Config base = Config.autoConfigure(context.orElse(null));
        Config config = new ConfigBuilder(base)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout((int) Duration.ofSeconds(5).toMillis())
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * The kubeconfig files in use ({@code kubeconfig}, else {@code $KUBECONFIG} or {@code ~/.kube/config}) and the
     * names of their contexts, so a context that does not exist is refused instead of silently replaced by
     * the current one (fabric8 falls back without a word; kubectl refuses).
     */
    public record Contexts(List<Path> files, List<String> names) {
    }

    public static Contexts contexts(Optional<Path> kubeconfig) {
        List<Path> files = kubeconfig.map(List::of).orElseGet(() -> Config.getKubeconfigFilenames().stream()
                .map(Path::of).filter(Files::isRegularFile).toList());
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            io.fabric8.kubernetes.api.model.Config parsed = KubeConfigUtils.parseConfig(file.toFile());
            Optional.ofNullable(parsed.getContexts()).orElse(List.of()).forEach(c -> names.add(c.getName()));
        }
        return new Contexts(files, names.stream().distinct().sorted().toList());
    }

    /**
     * Multi-document YAML as trees, through the reader scenarios are read with: an alias is replayed (not read as its
     * anchor's name) and the size, depth and alias expansion are bounded. Throws {@code ManifestException} naming {@code what}.
     */
    public static List<tools.jackson.databind.JsonNode> yamlDocuments(String yaml, String what) {
        return YamlDocuments.read(yaml, what).stream().map(YamlDocuments.Document::root).toList();
    }

    /** The pod's own namespace when running in a cluster, else the kubeconfig's current namespace. */
    public static Optional<String> currentNamespace() {
        if (Files.isReadable(SERVICE_ACCOUNT_NAMESPACE)) {
            try {
                String ns = Files.readString(SERVICE_ACCOUNT_NAMESPACE, StandardCharsets.UTF_8).trim();
                if (!ns.isEmpty()) {
                    return Optional.of(ns);
                }
            } catch (IOException e) {
                // Fall through to the kubeconfig.
            }
        }
        try {
            return Optional.ofNullable(Config.autoConfigure(null).getNamespace()).filter(ns -> !ns.isBlank());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
