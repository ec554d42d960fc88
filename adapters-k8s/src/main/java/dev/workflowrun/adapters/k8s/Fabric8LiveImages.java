package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.ClusterException;
import dev.workflowrun.domain.drift.DeploymentRef;
import dev.workflowrun.domain.drift.LiveImagePort;
import dev.workflowrun.domain.variables.ImageRef;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.List;
import java.util.Optional;

/** The image a running Deployment's container uses: one GET of the Deployment. */
final class Fabric8LiveImages implements LiveImagePort {

    private final KubernetesClient client;
    private final KubernetesCalls calls;

    Fabric8LiveImages(KubernetesClient client, KubernetesCalls calls) {
        this.client = client;
        this.calls = calls;
    }

    @Override
    public Optional<ImageRef> image(DeploymentRef ref) {
        Deployment deployment;
        try {
            deployment = calls.call("GET", "deployments", "reading " + ref,
                    () -> client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name()).get());
        } catch (KubernetesClientException e) {
            throw new ClusterException("could not read " + ref + ": " + KubernetesCalls.describe(e)
                    + (e.getCode() == 403 ? "; the runner's service account needs get on deployments in " + ref.namespace() : ""), e);
        }
        if (deployment == null || deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null) {
            return Optional.empty();
        }
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        Optional<Container> container = ref.container()
                .map(name -> containers.stream().filter(c -> name.equals(c.getName())).findFirst())
                .orElseGet(() -> containers.size() == 1 ? Optional.of(containers.get(0))
                        : containers.stream().filter(c -> c.getName().equals("manager")).findFirst());
        if (container.isEmpty() && ref.container().isEmpty() && containers.size() > 1) {
            throw new ClusterException(ref + " has " + containers.size() + " containers ("
                    + containers.stream().map(Container::getName).toList() + "); name one: " + ref + "/<container>");
        }
        return container.map(Container::getImage).map(ImageRef::parse);
    }
}
