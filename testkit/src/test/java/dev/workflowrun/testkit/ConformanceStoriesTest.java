package dev.workflowrun.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every story ends node by node as the controller file it names makes it end. */
class ConformanceStoriesTest {

    private static final String NS = "stories";
    private MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = MockCluster.start();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    static List<ConformanceStories.Story> stories() {
        return ConformanceStories.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stories")
    void endsAsTheControllerWouldEndIt(ConformanceStories.Story story) {
        try (SimulatedChaosMesh sim = story.simulator(cluster).start()) {
            String wf = story.workflowName("s1");
            cluster.client().resource(story.manifest(NS, "s1")).inNamespace(NS).create();
            story.act(sim, cluster.client(), NS, wf);
            assertThat(story.awaitSettled(cluster.client(), sim, NS, wf, Duration.ofSeconds(30)))
                    .as(story.name() + " (follows " + story.follows() + ")").isEmpty();
        }
    }
}
