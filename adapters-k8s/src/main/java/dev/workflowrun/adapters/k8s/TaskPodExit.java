package dev.workflowrun.adapters.k8s;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How one Task pod ended, read the way the user's task images and Kubernetes mean it: exit 0
 * passed; exit 2 is the images' own "infrastructure failed"; 137/{@code OOMKilled}, 128/
 * {@code StartError}, an evicted or otherwise failed pod, and a container that never started are
 * infrastructure failures; any other non-zero exit is a task failure.
 */
sealed interface TaskPodExit {

    /** Waiting reasons that mean the container will not start by itself. */
    Set<String> NOT_STARTING = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError",
            "CreateContainerError", "RunContainerError", "ErrImageNeverPull", "CrashLoopBackOff", "PreCreateHookError",
            "PreStartHookError", "PostStartHookError");

    /** Terminated reasons that are the node's or the runtime's doing, not the script's. */
    Set<String> INFRA_TERMINATIONS = Set.of("OOMKilled", "StartError", "ContainerCannotRun", "DeadlineExceeded", "Evicted");

    /** Every container exited 0 (or the pod is Succeeded). */
    record Passed() implements TaskPodExit {
    }

    /** A container exited non-zero: {@code infra} for 2, 137, 128 and the runtime's own reasons. */
    record Exited(String container, int code, Optional<String> reason, boolean infra) implements TaskPodExit {
        String describe() {
            return "container " + container + " exited " + code + reason.map(r -> " (" + r + ")").orElse("")
                    + (code == 2 ? ": the task's own infrastructure failure" : code == 1 ? ": task failure" : "");
        }
    }

    /** The pod failed without a container exit (evicted, node lost, activeDeadlineSeconds). */
    record PodFailed(String reason, String message) implements TaskPodExit {
    }

    /** The container never ran: an image or configuration it cannot start with, or the pod was never scheduled. */
    record NeverStarted(String why) implements TaskPodExit {
    }

    /** Still pending or running, with nothing wrong yet. */
    record NotFinished(String phase) implements TaskPodExit {
    }

    static TaskPodExit of(Pod pod) {
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Unknown" : pod.getStatus().getPhase();
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        for (ContainerStatus cs : statuses) {
            ContainerStateTerminated t = cs.getState() == null ? null : cs.getState().getTerminated();
            if (t != null && t.getExitCode() != null && t.getExitCode() != 0) {
                int code = t.getExitCode();
                Optional<String> reason = Optional.ofNullable(t.getReason()).filter(r -> !r.isBlank());
                boolean infra = code == 2 || code == 137 || code == 128 || reason.filter(INFRA_TERMINATIONS::contains).isPresent();
                return new Exited(cs.getName(), code, reason, infra);
            }
        }
        if ("Failed".equals(phase)) {
            String reason = Optional.ofNullable(pod.getStatus().getReason()).filter(r -> !r.isBlank()).orElse("Failed");
            return new PodFailed(reason, Optional.ofNullable(pod.getStatus().getMessage()).orElse(""));
        }
        if ("Succeeded".equals(phase)) {
            return new Passed();
        }
        boolean allTerminated = !statuses.isEmpty() && statuses.stream()
                .allMatch(cs -> cs.getState() != null && cs.getState().getTerminated() != null);
        if (allTerminated) {
            return new Passed();
        }
        for (ContainerStatus cs : statuses) {
            ContainerStateWaiting w = cs.getState() == null ? null : cs.getState().getWaiting();
            boolean neverRan = cs.getLastState() == null || cs.getLastState().getTerminated() == null;
            if (w != null && w.getReason() != null && NOT_STARTING.contains(w.getReason()) && neverRan) {
                return new NeverStarted("container " + cs.getName() + " is waiting with " + w.getReason()
                        + Optional.ofNullable(w.getMessage()).filter(m -> !m.isBlank()).map(m -> " (" + m + ")").orElse(""));
            }
        }
        if (statuses.isEmpty()) {
            Optional<PodCondition> unscheduled = Optional.ofNullable(pod.getStatus()).map(s -> s.getConditions()).orElse(List.of()).stream()
                    .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())).findFirst();
            if (unscheduled.isPresent()) {
                return new NeverStarted("the pod was never scheduled (" + Optional.ofNullable(unscheduled.get().getReason()).orElse("PodScheduled=False")
                        + Optional.ofNullable(unscheduled.get().getMessage()).map(m -> ": " + m).orElse("") + ")");
            }
        }
        return new NotFinished(phase);
    }

    /** Whether no container of the pod ever ran (so a deadline only ended the wait for it). */
    static boolean neverRan(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        return statuses.stream().allMatch(cs -> cs.getState() != null && cs.getState().getWaiting() != null
                && (cs.getLastState() == null || cs.getLastState().getTerminated() == null)
                && (cs.getRestartCount() == null || cs.getRestartCount() == 0));
    }
}
