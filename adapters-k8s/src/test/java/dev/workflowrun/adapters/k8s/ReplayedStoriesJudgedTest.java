package dev.workflowrun.adapters.k8s;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.cluster.CaptureOptions;
import dev.workflowrun.domain.cluster.Outcome;
import dev.workflowrun.domain.cluster.TerminalSnapshot;
import dev.workflowrun.domain.cluster.WorkflowClusterPort;
import dev.workflowrun.domain.cluster.WorkflowHandle;
import dev.workflowrun.testkit.ConformanceStories;
import dev.workflowrun.testkit.MockCluster;
import dev.workflowrun.testkit.SimulatedChaosMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator is held to the conformance table: each story of the testkit (the same stories as
 * the table's controller-written statuses) is played by the simulated controller, captured as the
 * runner captures it, and judged from the bundle's files with {@code judge}'s code. The outcome
 * must be the table's for that story.
 */
class ReplayedStoriesJudgedTest {

    static final String NS = "conformance";

    /** The outcome the conformance table gives each story (ConformanceTableTest holds the statuses it rests on). */
    static final Map<String, Outcome> EXPECTED = Map.ofEntries(
            Map.entry("passing-long-run", Outcome.PASSED),
            Map.entry("late-task-failure", Outcome.TASK_FAILED),
            Map.entry("entry-deadline-while-task-runs", Outcome.TIMED_OUT),
            Map.entry("task-deadline-serial-moves-on", Outcome.TIMED_OUT),
            Map.entry("image-pull-error", Outcome.INFRA_FAILED),
            Map.entry("suspend-step", Outcome.PASSED),
            Map.entry("chaos-step", Outcome.PASSED),
            Map.entry("oom-killed", Outcome.INFRA_FAILED),
            Map.entry("exit-2", Outcome.INFRA_FAILED),
            Map.entry("abort-by-annotation", Outcome.INTERRUPTED),
            Map.entry("status-check-abort", Outcome.TASK_FAILED));

    private MockCluster cluster;
    private SimulatedChaosMesh sim;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        cluster.close();
    }

    static List<ConformanceStories.Story> stories() {
        return ConformanceStories.all().stream().filter(s -> EXPECTED.containsKey(s.name())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    void theSimulatorsStatusesAreJudgedAsTheTableSays(ConformanceStories.Story story, @TempDir Path dir) throws Exception {
        WorkflowClusterPort adapter = KubernetesAdapters.cluster(cluster.client(), ClusterOptions.defaults());
        sim = story.simulator(cluster).start();
        WorkflowHandle handle = new WorkflowHandle(NS, story.workflowName("judged"), story.name(), "judged");
        adapter.applyOrAdopt(handle, story.manifest(NS, "judged"));
        story.act(sim, cluster.client(), NS, handle.name());
        assertThat(story.awaitSettled(cluster.client(), sim, NS, handle.name(), Duration.ofSeconds(30))).as("the story's own conditions").isEmpty();

        TerminalSnapshot snapshot = adapter.capture(handle, CaptureOptions.DEFAULT);
        for (BundleFile file : snapshot.files()) {
            Path target = dir.resolve(file.name());
            Files.createDirectories(target.getParent());
            try (InputStream in = file.content().open()) {
                Files.write(target, in.readAllBytes());
            }
        }
        OfflineJudge.Judgement judged = OfflineJudge.judge(dir);

        assertThat(judged.verdict().outcome()).as(story.name() + ": " + judged.verdict().reason()).isEqualTo(EXPECTED.get(story.name()));
        assertThat(judged.note()).isEqualTo(Optional.empty());
    }
}
