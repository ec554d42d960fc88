package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.ClusterException;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

/**
 * One quick look at the cluster before anything else happens: a list of at most one Workflow in the
 * run's namespace says at once that the API server answers, that these credentials get in (with the
 * {@code list} permission) and that it knows the Workflow kind. Only when it does not know the kind is
 * {@code /version} asked too, to tell a missing CRD from a URL that is no Kubernetes API server. What
 * cannot get better by waiting (an unknown host, 401, 403, a missing CRD) fails at once; a refused
 * connection is tried again for a short grace (an API server restarting). The message names the
 * URL, the context and the cause, so a wrong or unreachable cluster is found in seconds.
 */
final class ClusterPreflight {

    /** How long a refused or timed-out connection is tried again before the run gives up. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final KubernetesClient client;
    private final KubernetesCalls calls;
    private final ClusterOptions.Engine engine;

    ClusterPreflight(KubernetesClient client, KubernetesCalls calls, ClusterOptions.Engine engine) {
        this.client = client;
        this.calls = calls;
        this.engine = engine;
    }

    void check(String namespace) {
        String where = where();
        long giveUpAt = System.nanoTime() + GRACE.toNanos();
        Duration backoff = Duration.ofMillis(200);
        while (true) {
            try {
                if (engine != ClusterOptions.Engine.STATUS_PHASE && knows(Resources.CHAOS_WORKFLOW, namespace, where)) {
                    return;
                }
                if (engine != ClusterOptions.Engine.CHAOS_MESH && knows(Resources.ARGO_WORKFLOW, namespace, where)) {
                    return;
                }
                calls.count("GET", "version");
                client.getKubernetesVersion();
                break;
            } catch (KubernetesClientException e) {
                Optional<String> permanent = permanent(e);
                if (permanent.isPresent()) {
                    throw new ClusterException("the Kubernetes API server " + where + " " + permanent.get());
                }
                if (e.getCode() > 0) {
                    throw new ClusterException("the cluster " + where + " could not list Workflows: " + cause(e));
                }
                if (System.nanoTime() + backoff.toNanos() > giveUpAt) {
                    throw new ClusterException("the Kubernetes API server " + where + " did not answer within " + GRACE.toSeconds()
                            + "s: " + cause(e) + "; check that the cluster is up and that this is the right context (--kube-context, --kubeconfig)");
                }
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        throw new ClusterException("the cluster " + where + " does not know the kind Workflow of "
                + (engine == ClusterOptions.Engine.STATUS_PHASE ? "argoproj.io/v1alpha1" : engine == ClusterOptions.Engine.CHAOS_MESH
                ? "chaos-mesh.org/v1alpha1" : "chaos-mesh.org/v1alpha1 (nor argoproj.io/v1alpha1)")
                + ": its CRD is not installed; install Chaos Mesh (v2.2.0 or later) in this cluster, or choose the cluster that has it");
    }

    /** One list of at most one Workflow of {@code kind}: false when the kind is not served (404). */
    private boolean knows(io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext kind, String namespace, String where) {
        try {
            calls.count("LIST", kind.getPlural());
            client.genericKubernetesResources(kind).inNamespace(namespace).list(new ListOptionsBuilder().withLimit(1L).build());
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            if (e.getCode() == 403) {
                throw new ClusterException("the cluster " + where + " forbids listing " + kind.getGroup() + " Workflows in namespace "
                        + namespace + " (HTTP 403): bind the runner's Role (deploy/base/rbac.yaml) to its ServiceAccount in that namespace");
            }
            throw e;
        }
    }

    /** Why retrying cannot help, or empty when it might. */
    private static Optional<String> permanent(KubernetesClientException e) {
        if (e.getCode() == 401) {
            return Optional.of("did not accept the credentials (HTTP 401): check the kubeconfig's user or the pod's service-account token");
        }
        if (e.getCode() == 403) {
            return Optional.of("forbids this identity to read /version (HTTP 403): check the kubeconfig's user or the ServiceAccount's bindings");
        }
        if (e.getCode() == 404) {
            return Optional.of("has no /version (HTTP 404): the URL is not a Kubernetes API server");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return Optional.of("cannot be found: unknown host " + t.getMessage()
                        + "; check the server address in the kubeconfig, or the context (--kube-context)");
            }
        }
        return Optional.empty();
    }

    private static String cause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootText = root instanceof ConnectException ? "connection refused" : root.getClass().getSimpleName()
                + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return e instanceof KubernetesClientException k && k.getCode() > 0 ? KubernetesCalls.describe(k) : rootText;
    }

    private String where() {
        String url = client.getConfiguration().getMasterUrl();
        String context = Optional.ofNullable(client.getConfiguration().getCurrentContext()).map(c -> c.getName()).orElse(null);
        return "at " + dev.workflowrun.domain.text.RedactedUrl.of(url) + (context == null ? " (in-cluster or no context)" : " (context " + context + ")");
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while checking the cluster");
        }
    }
}
