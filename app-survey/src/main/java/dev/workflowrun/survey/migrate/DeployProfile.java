package dev.workflowrun.survey.migrate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What makes a CronJob deploy-grade, taken from the repository's own {@code deploy/base/cronjob.yaml}
 * (packed into the jar at build time, so the two cannot drift): the pod's and the container's
 * security context, the resources the runner was measured to need, the Job's retry and failure
 * policy, the termination grace and the runner's signal grace and cleanup bound, and the writable
 * {@code /tmp} a read-only root filesystem needs.
 */
final class DeployProfile {

    static final String RESOURCE = "/dev/workflowrun/survey/migrate/base/cronjob.yaml";
    /** The runner's flags that belong to the deployment, not to the scenario. */
    private static final List<String> DEPLOY_FLAGS = List.of("--signal-grace=", "--cleanup-bound=", "--fallback-dir=", "--log-format=");

    private final JsonNode job;
    private final JsonNode pod;
    private final JsonNode container;

    private DeployProfile(JsonNode cronJob) {
        job = cronJob.path("spec").path("jobTemplate").path("spec");
        pod = job.path("template").path("spec");
        container = pod.path("containers").path(0);
    }

    static DeployProfile load() {
        try (InputStream in = DeployProfile.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; the build packs deploy/base/cronjob.yaml there");
            }
            return new DeployProfile(YAMLMapper.builder().build().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies the profile to a migrated CronJob whose container is the runner. */
    void applyTo(ObjectNode jobSpec, ObjectNode podSpec, ObjectNode runner, ArrayNode args) {
        copy(job, jobSpec, "backoffLimit");
        long deadline = Math.max(job.path("activeDeadlineSeconds").asLong(0), jobSpec.path("activeDeadlineSeconds").asLong(0));
        if (deadline > 0) {
            jobSpec.put("activeDeadlineSeconds", deadline);
        }
        copy(job, jobSpec, "podFailurePolicy");
        copy(pod, podSpec, "restartPolicy");
        copy(pod, podSpec, "terminationGracePeriodSeconds");
        copy(pod, podSpec, "securityContext");
        copy(container, runner, "imagePullPolicy");
        copy(container, runner, "resources");
        copy(container, runner, "securityContext");
        // The run id's source (the Job's name, from the downward API): a retried Job then adopts its Workflow.
        for (JsonNode e : container.path("env")) {
            if (e.path("valueFrom").has("fieldRef")) {
                ArrayNode env = runner.has("env") ? (ArrayNode) runner.get("env") : runner.putArray("env");
                boolean present = false;
                for (JsonNode mine : env) {
                    present |= mine.path("name").equals(e.path("name"));
                }
                if (!present) {
                    env.add(e.deepCopy());
                }
            }
        }
        for (JsonNode arg : container.path("args")) {
            String a = arg.asString("");
            if (DEPLOY_FLAGS.stream().anyMatch(a::startsWith)) {
                args.add(a);
            }
        }
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("name").asString("").equals("tmp")) {
                ArrayNode mounts = runner.has("volumeMounts") ? (ArrayNode) runner.get("volumeMounts") : runner.putArray("volumeMounts");
                mounts.add(mount.deepCopy());
            }
        }
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asString("").equals("tmp")) {
                ArrayNode volumes = podSpec.has("volumes") ? (ArrayNode) podSpec.get("volumes") : podSpec.putArray("volumes");
                volumes.add(volume.deepCopy());
            }
        }
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        if (from.has(field)) {
            to.set(field, from.get(field).deepCopy());
        }
    }
}
