package dev.workflowrun.adapters.git;

import dev.workflowrun.adapters.git.TestRepository.Entry;
import dev.workflowrun.domain.scenario.FetchRequest;
import dev.workflowrun.domain.scenario.FetchScenarioPort;
import dev.workflowrun.domain.scenario.ScenarioRef;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.util.FileUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times depth-1 fetches from a local {@code git daemon}: the bare JGit fetch, and the adapter's
 * whole fetch of a branch (one depth-1 fetch, reading the scenario, its folder and an extra file).
 * Run it with the test classpath, as shown in the module's README.
 */
public final class DaemonFetchTiming {

    private static final int WARM_UP = 5;
    private static final int RUNS = 20;

    private DaemonFetchTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("daemon-fetch-timing-");
        try {
            try (TestRepository repo = TestRepository.create(base, "scenarios.git")) {
                for (int i = 0; i < 5; i++) {
                    Map<String, Entry> files = new LinkedHashMap<>();
                    files.put("scenarios/release-test.yaml", Entry.file("# release-test " + i + "\n" + "x: y\n".repeat(200)));
                    files.put("scenarios/release-test/profile.json", Entry.file("{\"i\":" + i + "}"));
                    files.put("runner/rbac.yaml", Entry.file("kind: Role\n"));
                    for (int f = 0; f < 30; f++) {
                        files.put("src/file" + f + ".txt", Entry.file("content " + f + " at " + i + "\n".repeat(50)));
                    }
                    repo.commit("main", "commit " + i, files);
                }
            }
            try (GitDaemon daemon = GitDaemon.start(base, base.resolve("daemon.log"))) {
                String uri = daemon.uri("scenarios.git");
                List<Double> bare = new ArrayList<>();
                for (int i = 0; i < WARM_UP + RUNS; i++) {
                    Path dir = Files.createTempDirectory(base, "bare-");
                    try (Repository local = FileRepositoryBuilder.create(dir.toFile())) {
                        local.create(true);
                        // As in the adapter: no background gc racing the deletion below.
                        local.getConfig().setInt("gc", null, "auto", 0);
                        local.getConfig().setInt("gc", null, "autoPackLimit", 0);
                        local.getConfig().setBoolean("gc", null, "autoDetach", false);
                        local.getConfig().save();
                        long start = System.nanoTime();
                        Git.wrap(local).fetch().setRemote(uri)
                                .setRefSpecs(new RefSpec("+refs/heads/main:refs/x/fetched"))
                                .setTagOpt(TagOpt.NO_TAGS).setDepth(1).call();
                        if (i >= WARM_UP) {
                            bare.add((System.nanoTime() - start) / 1e6);
                        }
                    }
                    FileUtils.delete(dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
                }
                FetchScenarioPort source = GitScenarioSources.create(GitSourceConfig.defaults());
                FetchRequest request = new FetchRequest(new ScenarioRef(uri, "main", "scenarios/release-test.yaml"),
                        List.of("runner/rbac.yaml"));
                List<Double> adapter = new ArrayList<>();
                for (int i = 0; i < WARM_UP + RUNS; i++) {
                    long start = System.nanoTime();
                    source.fetch(request);
                    if (i >= WARM_UP) {
                        adapter.add((System.nanoTime() - start) / 1e6);
                    }
                }
                report("JGit depth-1 fetch from git daemon", bare);
                report("adapter fetch of a branch (one depth-1 fetch, then reading 3 files) from git daemon", adapter);
            }
        } finally {
            FileUtils.delete(base.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        }
    }

    private static void report(String what, List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        double median = (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.printf("%s: median %.1f ms, min %.1f ms, max %.1f ms over %d runs (after %d warm-up)%n",
                what, median, sorted.get(0), sorted.get(sorted.size() - 1), sorted.size(), WARM_UP);
    }
}
