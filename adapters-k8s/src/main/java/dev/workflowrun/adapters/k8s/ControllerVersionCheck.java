package dev.workflowrun.adapters.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the Chaos Mesh controller in the cluster does what the runner relies on: the abort
 * annotation is honoured from v2.2.0 on ({@code controllers/abort_workflow_reconciler.go}; older
 * controllers accept it and ignore it), and Task nodes behave as the verdict reads them from
 * v2.1.0 on ({@code controllers/task_reconciler.go}). One GET of the Deployment
 * {@code chaos-controller-manager} in the configured namespace, once per adapter; where the runner
 * may not read it (403) or it is not there (404), the check says it was skipped.
 */
final class ControllerVersionCheck {

    static final String DEPLOYMENT = "chaos-controller-manager";
    private static final Pattern VERSION = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)");

    private final KubernetesClient client;
    private final KubernetesCalls calls;
    private final String namespace;
    private final AtomicBoolean done = new AtomicBoolean();

    ControllerVersionCheck(KubernetesClient client, KubernetesCalls calls, String namespace) {
        this.client = client;
        this.calls = calls;
        this.namespace = namespace;
    }

    /** The warning to give, the first time only; empty when there is nothing to say or it was said. */
    Optional<String> warnOnce() {
        if (!done.compareAndSet(false, true)) {
            return Optional.empty();
        }
        Deployment deployment;
        try {
            deployment = calls.call("GET", "deployments", "reading the Chaos Mesh controller Deployment",
                    () -> client.apps().deployments().inNamespace(namespace).withName(DEPLOYMENT).get());
        } catch (KubernetesClientException e) {
            return Optional.of("controller version check skipped: could not read deployment " + namespace + "/" + DEPLOYMENT
                    + " (HTTP " + e.getCode() + "); the abort annotation needs Chaos Mesh v2.2.0 or later");
        } catch (RuntimeException e) {
            return Optional.of("controller version check skipped: " + e.getMessage());
        }
        if (deployment == null) {
            return Optional.of("controller version check skipped: no deployment " + namespace + "/" + DEPLOYMENT
                    + " (HTTP 404; pass the namespace Chaos Mesh is installed in); the abort annotation needs Chaos Mesh v2.2.0 or later");
        }
        String image = deployment.getSpec() == null || deployment.getSpec().getTemplate().getSpec() == null
                ? "" : deployment.getSpec().getTemplate().getSpec().getContainers().stream().map(c -> c.getImage()).findFirst().orElse("");
        return judge(image);
    }

    /** What to say about a controller image: nothing when it is v2.2.0 or later. */
    static Optional<String> judge(String image) {
        int colon = image.lastIndexOf(':');
        String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "";
        Matcher m = VERSION.matcher(tag);
        if (!m.find()) {
            return Optional.of("controller version check: cannot tell the Chaos Mesh version from image '" + image
                    + "'; the abort annotation needs v2.2.0 or later, Task semantics v2.1.0");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major > 2 || (major == 2 && minor >= 2)) {
            return Optional.empty();
        }
        if (major == 2 && minor == 1) {
            return Optional.of("controller version check: Chaos Mesh " + tag + " ignores the abort annotation (v2.2.0 or later honours it): "
                    + "cleanup's abort does not stop the Workflow, only its deletion does");
        }
        return Optional.of("controller version check: Chaos Mesh " + tag + " is older than v2.1.0: Task outcomes and the abort annotation "
                + "do not behave as the runner reads them; upgrade to v2.2.0 or later");
    }
}
