package dev.workflowrun.testkit;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A Kubernetes API server for tests, benchmarks and the sandbox: fabric8's mock server in CRUD
 * mode on {@code 127.0.0.1}, plain HTTP, with the Chaos Mesh CRDs ({@code workflows} and
 * {@code workflownodes}, with the status subresource) and an Argo-like {@code workflows.argoproj.io}
 * registered. Real HTTP and a real fabric8 client; watches and informers work.
 *
 * <p>On top of the mock it deletes as a real API server does ({@link ApiServerDeletion}:
 * propagation policies, finalizers, {@code deletionTimestamp}, graceful pod deletion), runs a
 * garbage collector ({@link GarbageCollector}: foreground, background and orphan cascades by
 * ownerReferences), and refuses invalid Workflows as the Chaos Mesh admission webhook does
 * ({@link WorkflowAdmission}). What it does not do, like the mock it wraps: no RBAC, no
 * server-side apply (404/415), set-based label selectors are ignored. It also serves pod logs (written by {@link SimulatedChaosMesh} to {@link #podLogs()}) and can drop
 * every open watch stream ({@link #dropWatches()}) to test reconnection.
 *
 * <pre>{@code
 * try (MockCluster cluster = MockCluster.start();
 *      SimulatedChaosMesh chaos = SimulatedChaosMesh.builder(cluster).speed(600).start()) {
 *     cluster.client().resource(workflowYaml).create();
 *     ...
 * }
 * }</pre>
 */
public final class MockCluster implements AutoCloseable {

    /** The namespace {@link #client()} uses by default. */
    public static final String DEFAULT_NAMESPACE = "default";

    /** The mock logs every request at INFO; a run makes hundreds. Kept as a field so the setting sticks. */
    private static final java.util.logging.Logger REQUEST_LOG = java.util.logging.Logger.getLogger(MockWebServer.class.getName());

    static {
        REQUEST_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private final KubernetesMockServer server;
    private final TestkitDispatcher dispatcher;
    private final GarbageCollector[] garbageCollector;
    private final KubernetesClient client;

    private MockCluster(KubernetesMockServer server, TestkitDispatcher dispatcher, GarbageCollector[] garbageCollector) {
        this.server = server;
        this.dispatcher = dispatcher;
        this.garbageCollector = garbageCollector;
        this.client = newClient();
    }

    /** Starts a server on a free port of 127.0.0.1 and registers the CRDs. */
    public static MockCluster start() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        ObjectStore store = new ObjectStore();
        GarbageCollector[] gc = new GarbageCollector[1];
        store.install(new ApiServerDeletion(store, java.time.Instant::now, () -> {
            if (gc[0] != null) {
                gc[0].wake();
            }
        }), new WorkflowAdmission());
        TestkitDispatcher dispatcher = new TestkitDispatcher(responses, store);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the mock Kubernetes API server on 127.0.0.1", e);
        }
        MockCluster cluster = new MockCluster(server, dispatcher, gc);
        gc[0] = new GarbageCollector(cluster.newClient());
        try {
            for (ResourceDefinitionContext kind : List.of(ChaosMeshKinds.WORKFLOW, ChaosMeshKinds.WORKFLOW_NODE, ChaosMeshKinds.ARGO_WORKFLOW)) {
                cluster.client.apiextensions().v1().customResourceDefinitions().resource(crd(kind)).create();
            }
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /**
     * The shared client, namespace {@value #DEFAULT_NAMESPACE}. Like the runner's own client it does
     * not retry failed requests by itself ({@code requestRetryBackoffLimit = 0}), so injected faults
     * reach the code under test. Closed by {@link #close()}.
     */
    public KubernetesClient client() {
        return client;
    }

    /**
     * The {@code User-Agent} of {@link #client()} and of every client {@link #newClient()} makes (the
     * simulator's and the garbage collector's among them): a request with another one came from
     * elsewhere, e.g. a runner process started against {@link #url()}.
     */
    public static final String USER_AGENT = "workflow-run-testkit";

    /** A new client to this server (same settings as {@link #client()}); the caller closes it. */
    public KubernetesClient newClient() {
        return newClient(USER_AGENT);
    }

    /**
     * A new client that sends {@code userAgent}, so that {@link #requestsFrom(String)} tells its requests
     * from everyone else's; otherwise as {@link #newClient()}. The caller closes it.
     */
    public KubernetesClient newClient(String userAgent) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withNamespace(DEFAULT_NAMESPACE)
                .withTrustCerts(true)
                .withHttp2Disable(true)
                .withRequestRetryBackoffLimit(0)
                .withUserAgent(userAgent)
                .build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Every request the server received so far, in order of arrival. */
    public List<ReceivedRequest> requests() {
        return dispatcher.received();
    }

    /** The requests received so far from clients other than the testkit's own ({@link #USER_AGENT}), in order of arrival. */
    public List<ReceivedRequest> requestsFromElsewhere() {
        return dispatcher.received().stream().filter(r -> !USER_AGENT.equals(r.userAgent())).toList();
    }

    /** The requests received so far from clients that send {@code userAgent}, in order of arrival. */
    public List<ReceivedRequest> requestsFrom(String userAgent) {
        return dispatcher.received().stream().filter(r -> userAgent.equals(r.userAgent())).toList();
    }

    /** The mock server itself, e.g. to inject faults: {@code server().expect().get().withPath(p).andReturn(500, "").times(2)}. */
    public KubernetesMockServer server() {
        return server;
    }

    /** The API server's base URL, {@code http://127.0.0.1:<port>/}. */
    public String url() {
        return server.url("/");
    }

    /** Pod logs served at {@code GET .../pods/<name>/log}. */
    public PodLogs podLogs() {
        return dispatcher.logs();
    }

    /**
     * Closes every watch stream open right now, as an API server restart or a load balancer
     * timeout would. Returns how many were closed. Clients see the stream end and must watch again.
     */
    public int dropWatches() {
        return dispatcher.dropWatches();
    }

    /** Watch streams open right now. */
    public int openWatches() {
        return dispatcher.openWatches();
    }

    @Override
    public void close() {
        if (garbageCollector[0] != null) {
            garbageCollector[0].close();
        }
        try {
            client.close();
        } finally {
            dispatcher.closeWatches();
            try {
                server.destroy();
            } catch (IllegalStateException slowShutdown) {
                // The mock server waits a bounded time for its event loop to drain; on a loaded machine a
                // stream being torn down can outlast it. The server is discarded either way (each test binds a new port).
                java.util.logging.Logger.getLogger(MockCluster.class.getName()).warning("mock API server shutdown: " + slowShutdown.getMessage());
            }
        }
    }

    private static CustomResourceDefinition crd(ResourceDefinitionContext kind) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(kind.getPlural() + "." + kind.getGroup()).endMetadata()
                .withNewSpec()
                .withGroup(kind.getGroup())
                .withScope("Namespaced")
                .withNewNames()
                .withKind(kind.getKind())
                .withPlural(kind.getPlural())
                .withSingular(kind.getKind().toLowerCase(java.util.Locale.ROOT))
                .withShortNames(kind.getKind().equals("WorkflowNode") ? "wfn" : "wf")
                .endNames()
                .addNewVersion()
                .withName(kind.getVersion())
                .withServed(true)
                .withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema()
                .endVersion()
                .endSpec()
                .build();
    }
}
