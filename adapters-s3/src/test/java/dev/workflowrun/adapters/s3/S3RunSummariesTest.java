package dev.workflowrun.adapters.s3;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.artifacts.RunBundle;
import dev.workflowrun.domain.history.History;
import dev.workflowrun.domain.history.PastRun;
import dev.workflowrun.domain.history.ReadHistory;
import dev.workflowrun.domain.history.StoredSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** History's reads from a real S3-compatible server through the real SDK: listing page by page, run.json only. */
class S3RunSummariesTest {

    private static S3ProxyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3ProxyServer.inMemory();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void listsEveryRunJsonPageByPageAndReadsOnlyThose() {
        String bucket = server.createBucket();
        PublishArtifactsPort store = ArtifactStores.s3(server.config(bucket), S3ProxyServer.credentials());
        for (int i = 0; i < 600; i++) {
            BundleLocation run = BundleLocation.expand(BundleLocation.DEFAULT_TEMPLATE, i % 2 == 0 ? "release-test" : "load-test", "r" + i,
                    java.time.LocalDate.EPOCH);
            store.publish(run.attempt(1), RunBundle.builder().add(BundleFile.text("orchestrator.log", "log " + i)).build("{\"runId\":\"r" + i + "\"}"));
        }
        BundleLocation retried = BundleLocation.expand(BundleLocation.DEFAULT_TEMPLATE, "release-test", "r0", java.time.LocalDate.EPOCH);
        store.publish(retried.attempt(2), RunBundle.builder().build("{\"runId\":\"r0\",\"attempt\":2}"));

        try (S3RunSummaries summaries = new S3RunSummaries(server.config(bucket), S3ProxyServer.credentials())) {
            List<Integer> pageSizes = new ArrayList<>();
            List<StoredSummary> all = new ArrayList<>();
            summaries.listSummaries("nightly/", page -> {
                pageSizes.add(page.size());
                all.addAll(page);
            });

            assertThat(pageSizes).as("1201 objects: two pages of 1000 keys").hasSize(2);
            assertThat(all).hasSize(601).allMatch(s -> s.key().endsWith("/run.json") && s.lastModified().isAfter(Instant.EPOCH));
            assertThat(summaries.read("nightly/release-test/r0/attempt-2/run.json")).contains("\"attempt\":2");

            History history = new ReadHistory(summaries, (key, text) -> new PastRun(key.split("/")[1], key.split("/")[2],
                    text.contains("\"attempt\":2") ? 2 : 1, Instant.EPOCH, Instant.EPOCH, "PASSED", Optional.empty(), Optional.empty(), Map.of(), key),
                    8).read("nightly/", Optional.of("release-test"), 1000);
            assertThat(history.listed()).isEqualTo(601);
            assertThat(history.runs()).as("r0 counts once, by attempt 2").isEqualTo(300);
            assertThat(history.scenarios().get(0).runs()).filteredOn(r -> r.runId().equals("r0")).singleElement()
                    .extracting(PastRun::attempt).isEqualTo(2);
        }
    }
}
