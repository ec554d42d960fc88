package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.cluster.FollowTaskLogsPort;
import dev.workflowrun.domain.cluster.TaskLogSink;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --follow-logs} on fabric8: an informer on the Workflow's Task pods (by the
 * {@code chaos-mesh.org/workflow} label) starts one reader per container once it runs; a reader
 * streams the log with {@code follow=true} and, when the stream ends while the container still
 * runs, opens it again and skips the lines it already passed on. A real API server keeps the
 * stream open until the container ends (one request per container); fabric8's mock server answers
 * a follow request with the log so far and closes, so there the same loop polls every
 * {@code reopenEvery}. When following stops, each reader reads its log once more without follow, so
 * the last lines of a Task that just ended are not lost. Requests are bounded by {@code limitBytes}.
 * The Task's name is its WorkflowNode's {@code templateName} (one GET per node).
 */
final class Fabric8TaskLogs implements FollowTaskLogsPort {

    private static final Duration JOIN = Duration.ofSeconds(3);

    private final KubernetesClient client;
    private final Duration reopenEvery;

    Fabric8TaskLogs(KubernetesClient client, Duration reopenEvery) {
        this.client = Objects.requireNonNull(client, "client");
        this.reopenEvery = Objects.requireNonNull(reopenEvery, "reopenEvery");
    }

    @Override
    public Following follow(WorkflowHandle handle, long bytesPerTask, TaskLogSink sink) {
        Follow follow = new Follow(handle, (int) Math.min(Integer.MAX_VALUE - 1L, Math.max(0, bytesPerTask)) + 1, sink);
        follow.start();
        return follow::close;
    }

    private final class Follow {
        private final WorkflowHandle handle;
        private final int limitBytes;
        private final TaskLogSink sink;
        private final Map<String, ContainerLog> readers = new ConcurrentHashMap<>();
        private final Map<String, String> taskOfNode = new ConcurrentHashMap<>();
        private final Map<String, Pod> pods = new ConcurrentHashMap<>();
        private volatile boolean closing;
        private SharedIndexInformer<Pod> informer;

        Follow(WorkflowHandle handle, int limitBytes, TaskLogSink sink) {
            this.handle = handle;
            this.limitBytes = limitBytes;
            this.sink = sink;
        }

        void start() {
            try {
                informer = client.pods().inNamespace(handle.namespace()).withLabel(Resources.LABEL_WORKFLOW, handle.name())
                        .inform(new ResourceEventHandler<>() {
                            @Override
                            public void onAdd(Pod pod) {
                                seen(pod);
                            }

                            @Override
                            public void onUpdate(Pod before, Pod pod) {
                                seen(pod);
                            }

                            @Override
                            public void onDelete(Pod pod, boolean unknown) {
                                seen(pod);
                            }
                        }, 0);
            } catch (KubernetesClientException e) {
                // Following is best effort: without a pod watch there is nothing to follow.
            }
        }

        private void seen(Pod pod) {
            pods.put(pod.getMetadata().getName(), pod);
            if (closing || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
                return;
            }
            for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
                boolean started = cs.getState() != null && (cs.getState().getRunning() != null || cs.getState().getTerminated() != null);
                if (started) {
                    String key = pod.getMetadata().getName() + "/" + cs.getName();
                    readers.computeIfAbsent(key, k -> new ContainerLog(pod.getMetadata().getName(), cs.getName(), task(pod)).begin());
                }
            }
        }

        private String task(Pod pod) {
            String node = Optional.ofNullable(pod.getMetadata().getLabels()).map(l -> l.get(Resources.LABEL_CONTROLLED_BY))
                    .orElse(pod.getMetadata().getName());
            return taskOfNode.computeIfAbsent(node, n -> {
                try {
                    GenericKubernetesResource found = client.genericKubernetesResources(Resources.CHAOS_WORKFLOW_NODE)
                            .inNamespace(handle.namespace()).withName(n).get();
                    return found == null ? n : Resources.templateName(found);
                } catch (KubernetesClientException e) {
                    return n;
                }
            });
        }

        boolean terminated(String pod, String container) {
            Pod p = pods.get(pod);
            if (p == null || p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
                return false;
            }
            return p.getStatus().getContainerStatuses().stream()
                    .anyMatch(cs -> cs.getName().equals(container) && cs.getState() != null && cs.getState().getTerminated() != null);
        }

        void close() {
            closing = true;
            if (informer != null) {
                informer.close();
            }
            List<ContainerLog> all = new ArrayList<>(readers.values());
            all.forEach(ContainerLog::interrupt);
            long until = System.nanoTime() + JOIN.toNanos();
            for (ContainerLog r : all) {
                r.join(Duration.ofNanos(Math.max(0, until - System.nanoTime())));
            }
        }

        /** One container's log: its lines in order, each once. */
        private final class ContainerLog {
            private final String pod;
            private final String container;
            private final String task;
            private final Thread thread;
            private volatile LogWatch open;
            private long passed;

            ContainerLog(String pod, String container, String task) {
                this.pod = pod;
                this.container = container;
                this.task = task;
                this.thread = new Thread(this::run, "workflow-run-logs-" + pod + "-" + container);
                this.thread.setDaemon(true);
            }

            ContainerLog begin() {
                thread.start();
                return this;
            }

            private void run() {
                while (true) {
                    boolean last = closing || terminated(pod, container);
                    try {
                        if (last) {
                            Thread.interrupted(); // a close that cut the stream must not cut this last read too
                            String log = client.pods().inNamespace(handle.namespace()).withName(pod).inContainer(container)
                                    .limitBytes(limitBytes).getLog();
                            pass(new StringReader(log == null ? "" : log));
                            return;
                        }
                        try (LogWatch watch = client.pods().inNamespace(handle.namespace()).withName(pod).inContainer(container)
                                .limitBytes(limitBytes).watchLog()) {
                            open = watch;
                            pass(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8));
                        } finally {
                            open = null;
                        }
                    } catch (KubernetesClientException e) {
                        // The last read is the last, whatever its answer; a pod that is gone has nothing more to read.
                        if (last || e.getCode() == 404) {
                            return;
                        }
                        // Not started yet, or the server is busy: try again on the next round.
                    } catch (IOException | RuntimeException e) {
                        if (last) {
                            return;
                        }
                    }
                    if (!closing) {
                        try {
                            Thread.sleep(reopenEvery.toMillis());
                        } catch (InterruptedException e) {
                            // Closing: one last read without follow.
                        }
                    }
                }
            }

            /** Passes on the lines after those already passed on (a re-opened log starts again from its first line). */
            private void pass(Reader in) throws IOException {
                BufferedReader lines = new BufferedReader(in);
                long index = 0;
                String line;
                while ((line = lines.readLine()) != null) {
                    if (index++ >= passed) {
                        passed++;
                        sink.line(task, line);
                    }
                }
            }

            void interrupt() {
                LogWatch watch = open;
                if (watch != null) {
                    watch.close();
                }
                thread.interrupt();
            }

            void join(Duration bound) {
                try {
                    thread.join(Math.max(1, bound.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
