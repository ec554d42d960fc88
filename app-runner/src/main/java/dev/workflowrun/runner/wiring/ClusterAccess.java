package dev.workflowrun.runner.wiring;

import dev.workflowrun.adapters.k8s.KubernetesAdapters;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.nio.file.Path;
import java.util.Optional;

/** The one Kubernetes client of a run: connected on first use, closed when the run is over (unless borrowed). */
public abstract class ClusterAccess implements AutoCloseable {

    private KubernetesClient client;

    public final synchronized KubernetesClient client() {
        if (client == null) {
            client = connect();
        }
        return client;
    }

    protected abstract KubernetesClient connect();

    protected boolean owned() {
        return true;
    }

    @Override
    public final synchronized void close() {
        if (client != null && owned()) {
            client.close();
        }
        client = null;
    }

    /** In a pod, its service account; elsewhere {@code --kubeconfig} or the usual kubeconfig, with {@code --kube-context}. */
    public static ClusterAccess connecting(Optional<Path> kubeconfig, Optional<String> context) {
        return new ClusterAccess() {
            @Override
            protected KubernetesClient connect() {
                if (kubeconfig.isPresent()) {
                    // As KubernetesAdapters.connect: the adapter owns retries (and counts them), so the client makes none.
                    Config config = new ConfigBuilder(Config.fromKubeconfig(context.orElse(null), kubeconfig.get().toFile()))
                            .withRequestRetryBackoffLimit(0)
                            .build();
                    return new KubernetesClientBuilder().withConfig(config).build();
                }
                return KubernetesAdapters.connect(context);
            }
        };
    }

    /** A client made on first use by {@code factory}, closed with the run (the sandbox's own connection to its API server). */
    public static ClusterAccess from(java.util.function.Supplier<KubernetesClient> factory) {
        return new ClusterAccess() {
            @Override
            protected KubernetesClient connect() {
                return factory.get();
            }
        };
    }

    /** A client someone else owns (the sandbox's embedded API server): used, never closed. */
    public static ClusterAccess borrowed(KubernetesClient existing) {
        return new ClusterAccess() {
            @Override
            protected KubernetesClient connect() {
                return existing;
            }

            @Override
            protected boolean owned() {
                return false;
            }
        };
    }
}
