package dev.workflowrun.runner.deploy;

import dev.workflowrun.domain.variables.GoDuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/ (as one overlay builds it): least privilege against what the code calls, and the deadline and grace relations of the CronJob. */
class DeployManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static List<JsonNode> objects;

    /** What {@code kubectl apply -k deploy/overlays/release-test} applies: the base with release-test's patch. */
    @BeforeAll
    static void readManifests() {
        objects = Kustomization.build(DEPLOY.resolve("overlays").resolve("release-test"));
    }

    private static JsonNode only(String kind) {
        List<JsonNode> found = objects.stream().filter(o -> o.path("kind").asString().equals(kind)).toList();
        assertThat(found).as("exactly one %s in deploy/", kind).hasSize(1);
        return found.get(0);
    }

    @Test
    void theRoleGrantsExactlyTheVerbsTheRunnerUses() {
        Map<String, Set<String>> granted = new HashMap<>();
        for (JsonNode rule : only("Role").path("rules")) {
            assertThat(rule.has("resourceNames")).as("no resourceNames: the runner's objects are named per run").isFalse();
            for (JsonNode group : rule.path("apiGroups")) {
                for (JsonNode resource : rule.path("resources")) {
                    String key = group.asString() + "/" + resource.asString();
                    for (JsonNode verb : rule.path("verbs")) {
                        assertThat(verb.asString()).as("no wildcard verbs").isNotEqualTo("*");
                        granted.computeIfAbsent(key, k -> new TreeSet<>()).add(verb.asString());
                    }
                }
            }
        }
        Map<String, Set<String>> required = new HashMap<>();
        ClusterPermissions.REQUIRED.forEach(p -> required.put(p.apiGroup() + "/" + p.resource(), new TreeSet<>(p.verbs())));
        assertThat(granted).isEqualTo(required);
    }

    @Test
    void theRoleIsBoundToTheServiceAccountTheCronJobUses() {
        JsonNode binding = only("RoleBinding");
        JsonNode account = only("ServiceAccount");
        JsonNode role = only("Role");
        assertThat(binding.path("roleRef").path("kind").asString()).isEqualTo("Role");
        assertThat(binding.path("roleRef").path("name").asString()).isEqualTo(role.path("metadata").path("name").asString());
        JsonNode subject = binding.path("subjects").get(0);
        assertThat(subject.path("kind").asString()).isEqualTo("ServiceAccount");
        assertThat(subject.path("name").asString()).isEqualTo(account.path("metadata").path("name").asString());
        assertThat(podSpec().path("serviceAccountName").asString()).isEqualTo(account.path("metadata").path("name").asString());
        String ns = account.path("metadata").path("namespace").asString();
        for (JsonNode o : objects) {
            assertThat(o.path("metadata").path("namespace").asString()).as("every object in one namespace").isEqualTo(ns);
        }
    }

    @Test
    void theServiceAccountAsksEksForAnAwsRoleSoPublicationAuthenticatesWithIrsa() {
        JsonNode annotations = only("ServiceAccount").path("metadata").path("annotations");
        assertThat(annotations.path("eks.amazonaws.com/role-arn").asString()).matches("arn:aws:iam::\\d{12}:role/.+");
        assertThat(annotations.path("eks.amazonaws.com/sts-regional-endpoints").asString()).isEqualTo("true");
    }

    @Test
    void theCronJobNeverRunsTwiceAtOnceAndRetriesOnlyInfrastructureFailures() {
        JsonNode cron = only("CronJob");
        assertThat(cron.path("spec").path("concurrencyPolicy").asString()).isEqualTo("Forbid");
        JsonNode job = cron.path("spec").path("jobTemplate").path("spec");
        assertThat(job.path("backoffLimit").asInt(-1)).isBetween(0, 3);
        assertThat(podSpec().path("restartPolicy").asString()).isEqualTo("Never");
        List<Integer> failFast = new ArrayList<>();
        job.path("podFailurePolicy").path("rules").forEach(rule -> {
            if (rule.path("action").asString().equals("FailJob")) {
                rule.path("onExitCodes").path("values").forEach(v -> failFast.add(v.asInt()));
            }
        });
        assertThat(failFast).as("task failed, timed out and usage errors are not retried").contains(1, 3, 64).doesNotContain(2, 4);
    }

    @Test
    void theDeadlinesNestWithinEachOther() {
        JsonNode job = only("CronJob").path("spec").path("jobTemplate").path("spec");
        Duration active = Duration.ofSeconds(job.path("activeDeadlineSeconds").asLong());
        Duration termination = Duration.ofSeconds(podSpec().path("terminationGracePeriodSeconds").asLong());
        Duration hard = flag("--hard-deadline").map(GoDuration::parse).orElseThrow();
        Duration soft = flag("--soft-deadline").map(GoDuration::parse).orElseThrow();
        Duration grace = flag("--signal-grace").map(GoDuration::parse).orElseThrow();
        Duration cleanup = flag("--cleanup-bound").map(GoDuration::parse).orElseThrow();
        assertThat(soft).isLessThanOrEqualTo(hard);
        // The Job's deadline must not cut the run short: hard deadline, then a full grace, then fetch and publish (5m).
        assertThat(active).isGreaterThanOrEqualTo(hard.plus(grace).plusMinutes(5));
        assertThat(termination).as("the kubelet waits longer than the runner's grace").isGreaterThan(grace);
        assertThat(cleanup).as("cleanup fits in the grace with room for capture and publication").isLessThan(grace);
        assertThat(cleanup).as("the delete waits out the Task pods' 30s termination grace (a shell Task ignores SIGTERM), with a margin")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void theJvmFitsTheMemoryLimit() {
        JsonNode container = container();
        long limit = quantity(container.path("resources").path("limits").path("memory").asString());
        long request = quantity(container.path("resources").path("requests").path("memory").asString());
        assertThat(request).isLessThanOrEqualTo(limit);
        assertThat(env(container, "JDK_JAVA_OPTIONS")).as("the JVM would print 'Picked up JDK_JAVA_OPTIONS' on stderr").isEmpty();
        assertThat(env(container, "JAVA_TOOL_OPTIONS")).as("the JVM would print 'Picked up JAVA_TOOL_OPTIONS' on stderr").isEmpty();
        assertThat(container.has("command")).as("the image's entrypoint carries the JVM's options").isFalse();
        String options = entrypoint();
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(options);
        assertThat(percentage.find()).as("-XX:MaxRAMPercentage in the Dockerfile's ENTRYPOINT").isTrue();
        long heap = limit * Long.parseLong(percentage.group(1)) / 100;
        long metaspace = jvmSize(options, "-XX:MaxMetaspaceSize=");
        // Beyond heap and metaspace: code cache, thread stacks, Netty and SDK buffers; measured well under 96Mi.
        assertThat(heap + metaspace + 96L * 1024 * 1024).isLessThanOrEqualTo(limit);
        assertThat(container.path("resources").path("limits").has("cpu")).as("no CPU limit: throttling would stretch deadlines").isFalse();
    }

    @Test
    void theCronJobPassesTheRunIdSourceThatMakesRetriesAdopt() {
        JsonNode container = container();
        boolean fromJobName = false;
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asString().equals(dev.workflowrun.runner.flags.RunIds.JOB_NAME_ENV)) {
                fromJobName = e.path("valueFrom").path("fieldRef").path("fieldPath").asString().equals("metadata.labels['job-name']");
            }
        }
        assertThat(fromJobName).isTrue();
        assertThat(flag("--run-id")).as("a fixed run id would make every night adopt the first night's Workflow").isEmpty();
    }

    private static JsonNode podSpec() {
        return only("CronJob").path("spec").path("jobTemplate").path("spec").path("template").path("spec");
    }

    private static JsonNode container() {
        return podSpec().path("containers").get(0);
    }

    private static Optional<String> flag(String name) {
        for (JsonNode arg : container().path("args")) {
            if (arg.asString().startsWith(name + "=")) {
                return Optional.of(arg.asString().substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> env(JsonNode container, String name) {
        for (JsonNode e : container.path("env")) {
            if (e.path("name").asString().equals(name)) {
                return Optional.of(e.path("value").asString());
            }
        }
        return Optional.empty();
    }

    private static long quantity(String q) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(q);
        assertThat(m.matches()).as("memory quantity %s in Mi or Gi", q).isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024L * 1024 * 1024 : 1024L * 1024);
    }

    private static String entrypoint() {
        try {
            // The whole instruction, continuation lines included.
            List<String> lines = Files.readAllLines(DEPLOY.resolveSibling("Dockerfile"));
            StringBuilder instruction = new StringBuilder();
            boolean inside = false;
            for (String line : lines) {
                inside = inside || line.startsWith("ENTRYPOINT");
                if (inside) {
                    instruction.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line).append(' ');
                    if (!line.endsWith("\\")) {
                        break;
                    }
                }
            }
            return instruction.toString();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long jvmSize(String options, String flag) {
        Matcher m = Pattern.compile(Pattern.quote(flag) + "(\\d+)([mg])").matcher(options);
        assertThat(m.find()).as("%s in the ENTRYPOINT", flag).isTrue();
        return Long.parseLong(m.group(1)) * (m.group(2).equals("g") ? 1024L * 1024 * 1024 : 1024L * 1024);
    }
}
