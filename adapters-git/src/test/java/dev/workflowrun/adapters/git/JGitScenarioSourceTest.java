package dev.workflowrun.adapters.git;

import dev.workflowrun.adapters.git.TestRepository.Entry;
import dev.workflowrun.domain.scenario.FetchRequest;
import dev.workflowrun.domain.scenario.FetchScenarioPort;
import dev.workflowrun.domain.scenario.ResolvedScenario;
import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.scenario.ScenarioFetchException.Reason;
import dev.workflowrun.domain.scenario.ScenarioRef;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The adapter against real repositories on disk, served through file:// and a real git daemon. */
class JGitScenarioSourceTest {

    private static final String SCENARIO = "scenarios/release-test.yaml";

    @TempDir
    static Path base;

    private static GitDaemon daemon;
    private static ObjectId first;
    private static ObjectId second;
    private static ObjectId feature;
    private static ObjectId edges;

    private final FetchScenarioPort source = GitScenarioSources.create(GitSourceConfig.defaults());

    enum Transport { FILE, GIT_DAEMON }

    @BeforeAll
    static void buildRepositoriesAndStartDaemon() throws Exception {
        try (TestRepository repo = TestRepository.create(base, "scenarios.git")) {
            first = repo.commit("main", "first", Map.of(
                    SCENARIO, Entry.file("# release-test v1\n"),
                    "scenarios/release-test/profile.json", Entry.file("{\"v\":1}"),
                    "runner/rbac.yaml", Entry.file("kind: Role # v1\n")));
            repo.lightweightTag("v1", first);
            repo.annotatedTag("r1", first);
            Map<String, Entry> v2 = new LinkedHashMap<>();
            v2.put(SCENARIO, Entry.file("# release-test v2\n"));
            v2.put("scenarios/release-test/profile.json", Entry.file("{\"v\":2}"));
            v2.put("scenarios/release-test/nested/notes.txt", Entry.file("notes"));
            v2.put("scenarios/load-test.yml", Entry.file("# load-test\n"));
            v2.put("runner/rbac.yaml", Entry.file("kind: Role # v2\n"));
            second = repo.commit("main", "second", v2);
            // Links and a big file live on their own branch so that everyday fetches stay small.
            Map<String, Entry> edge = new LinkedHashMap<>(v2);
            edge.put("scenarios/linked.yaml", Entry.link("release-test.yaml"));
            edge.put("scenarios/via-dir/x.yaml", Entry.file("# through a linked directory\n"));
            edge.put("scenarios/dir-link", Entry.link("via-dir"));
            edge.put("scenarios/escape.yaml", Entry.link("../../outside.yaml"));
            edge.put("scenarios/absolute.yaml", Entry.link("/etc/passwd"));
            edge.put("scenarios/up", Entry.link("../.."));
            edge.put("scenarios/loop.yaml", Entry.link("loop.yaml"));
            edge.put("scenarios/leaky.yaml", Entry.file("# leaky\n"));
            edge.put("scenarios/leaky/secret", Entry.link("../../../etc/shadow"));
            byte[] big = new byte[(int) GitSourceConfig.DEFAULT_MAX_FILE_BYTES + 1];
            Arrays.fill(big, (byte) 'x');
            edge.put("scenarios/big.yaml", Entry.bytes(big));
            edges = repo.commit("edge", "edge cases", edge);
            repo.lightweightTag("feature-base", first);
            feature = repo.commit("feature", "feature", Map.of(SCENARIO, Entry.file("# release-test feature\n")));
        }
        daemon = GitDaemon.start(base, Files.createTempFile("git-daemon", ".log"));
    }

    @AfterAll
    static void stopDaemon() throws InterruptedException {
        if (daemon != null) {
            daemon.close();
        }
    }

    static String uri(Transport transport, String name) {
        return switch (transport) {
            case FILE -> base.resolve(name).toUri().toString();
            case GIT_DAEMON -> daemon.uri(name);
        };
    }

    private ResolvedScenario fetch(Transport transport, String ref, String path, String... extra) {
        return source.fetch(new FetchRequest(new ScenarioRef(uri(transport, "scenarios.git"), ref, path), List.of(extra)));
    }

    private ScenarioFetchException failure(Transport transport, String ref, String path) {
        return catchThrowableOfType(ScenarioFetchException.class, () -> fetch(transport, ref, path));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aBranchResolvesToItsTipWithTheSiblingFolderAndExtraFilesOfTheSameCommit(Transport transport) {
        ResolvedScenario resolved = fetch(transport, "main", SCENARIO, "runner/rbac.yaml");

        assertThat(resolved.commit()).isEqualTo(second.name());
        assertThat(resolved.template()).isEqualTo("# release-test v2\n");
        assertThat(resolved.extraFiles()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "runner/rbac.yaml", "kind: Role # v2\n",
                "scenarios/release-test/profile.json", "{\"v\":2}",
                "scenarios/release-test/nested/notes.txt", "notes"));
        assertThat(resolved.origin()).isEqualTo(uri(transport, "scenarios.git"));
        assertThat(resolved.ref().ref()).isEqualTo("main");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anotherBranchAndFullRefNamesResolve(Transport transport) {
        assertThat(fetch(transport, "feature", SCENARIO).commit()).isEqualTo(feature.name());
        assertThat(fetch(transport, "refs/heads/feature", SCENARIO).template()).isEqualTo("# release-test feature\n");
        assertThat(fetch(transport, "HEAD", SCENARIO).commit()).isEqualTo(second.name());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void lightweightAndAnnotatedTagsResolveToTheTaggedCommit(Transport transport) {
        ResolvedScenario lightweight = fetch(transport, "v1", SCENARIO, "runner/rbac.yaml");
        ResolvedScenario annotated = fetch(transport, "r1", SCENARIO);

        assertThat(lightweight.commit()).isEqualTo(first.name());
        assertThat(lightweight.template()).isEqualTo("# release-test v1\n");
        assertThat(lightweight.extraFiles()).containsEntry("runner/rbac.yaml", "kind: Role # v1\n")
                .containsEntry("scenarios/release-test/profile.json", "{\"v\":1}")
                .doesNotContainKey("scenarios/release-test/nested/notes.txt");
        assertThat(annotated.commit()).isEqualTo(first.name());
        assertThat(annotated.template()).isEqualTo("# release-test v1\n");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFullShaOfACommitThatIsNoTipResolves(Transport transport) {
        ResolvedScenario resolved = fetch(transport, first.name(), SCENARIO);

        assertThat(resolved.commit()).isEqualTo(first.name());
        assertThat(resolved.template()).isEqualTo("# release-test v1\n");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void abbreviatedShasResolveWhetherOrNotTheyAreATip(Transport transport) {
        assertThat(fetch(transport, second.name().substring(0, 7), SCENARIO).commit()).isEqualTo(second.name());
        assertThat(fetch(transport, feature.name().substring(0, 12).toUpperCase(), SCENARIO).commit()).isEqualTo(feature.name());
        // first is a tip only through tags; a parent of feature and of second in any case.
        assertThat(fetch(transport, first.name().substring(0, 9), SCENARIO).commit()).isEqualTo(first.name());
    }

    @Test
    void anAbbreviatedShaOfAnInnerCommitIsFoundByAFullFetch() throws IOException {
        try (TestRepository repo = TestRepository.create(base, "history.git")) {
            ObjectId inner = repo.commit("main", "inner", Map.of(SCENARIO, Entry.file("inner")));
            repo.commit("main", "tip", Map.of(SCENARIO, Entry.file("tip")));
            for (String uri : List.of(repo.fileUri(), daemon.uri("history.git"))) {
                ResolvedScenario resolved = source.fetch(FetchRequest.of(new ScenarioRef(uri, inner.name().substring(0, 8), SCENARIO)));
                assertThat(resolved.commit()).isEqualTo(inner.name());
                assertThat(resolved.template()).isEqualTo("inner");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMovedBranchReturnsTheNewCommitWhileAShaPinKeepsTheOldContent(Transport transport) throws IOException {
        String name = "moving-" + transport + ".git";
        try (TestRepository repo = TestRepository.create(base, name)) {
            ObjectId before = repo.commit("main", "before", Map.of(SCENARIO, Entry.file("before")));
            ScenarioRef branch = new ScenarioRef(uri(transport, name), "main", SCENARIO);
            assertThat(source.fetch(FetchRequest.of(branch)).commit()).isEqualTo(before.name());

            ObjectId after = repo.commit("main", "after", Map.of(SCENARIO, Entry.file("after")));

            ResolvedScenario moved = source.fetch(FetchRequest.of(branch));
            ResolvedScenario pinned = source.fetch(FetchRequest.of(new ScenarioRef(uri(transport, name), before.name(), SCENARIO)));
            assertThat(moved.commit()).isEqualTo(after.name());
            assertThat(moved.template()).isEqualTo("after");
            assertThat(pinned.commit()).isEqualTo(before.name());
            assertThat(pinned.template()).isEqualTo("before");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnknownRefNamesTheRefTheRepositoryAndCloseMatches(Transport transport) {
        ScenarioFetchException e = failure(transport, "mian", SCENARIO);

        assertThat(e.reason()).isEqualTo(Reason.REF_NOT_FOUND);
        assertThat(e.getMessage()).contains("'mian'", uri(transport, "scenarios.git"), "close matches: main");
        for (String invalid : List.of("main:refs/heads/evil", "main..feature", "feature^", "bad name")) {
            ScenarioFetchException refused = failure(transport, invalid, SCENARIO);
            assertThat(refused.reason()).as(invalid).isEqualTo(Reason.REF_NOT_FOUND);
            assertThat(refused.getMessage()).as(invalid).contains("'" + invalid + "'");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anUnknownShaIsRefNotFound(Transport transport) {
        String missing = "0123456789abcdef0123456789abcdef01234567";
        assertThat(failure(transport, missing, SCENARIO))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.REF_NOT_FOUND))
                .hasMessageContaining(missing).hasMessageContaining(uri(transport, "scenarios.git"));
        assertThat(failure(transport, "abcdef0", SCENARIO))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.REF_NOT_FOUND))
                .hasMessageContaining("'abcdef0'");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMissingPathNamesTheCommitAndWhatIsThere(Transport transport) {
        ScenarioFetchException e = failure(transport, "main", "scenarios/relase-test.yaml");

        assertThat(e.reason()).isEqualTo(Reason.PATH_NOT_FOUND);
        assertThat(e.getMessage()).contains("'scenarios/relase-test.yaml'", "commit " + second.name(), "'main'",
                "release-test.yaml");
        ScenarioFetchException extra = catchThrowableOfType(ScenarioFetchException.class,
                () -> fetch(transport, "v1", SCENARIO, "runner/missing.yaml"));
        assertThat(extra.reason()).isEqualTo(Reason.PATH_NOT_FOUND);
        assertThat(extra.getMessage()).contains("runner/missing.yaml", first.name(), "rbac.yaml");
        assertThat(failure(transport, "main", "scenarios/release-test").reason()).isEqualTo(Reason.PATH_NOT_FOUND);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void symbolicLinksInsideTheRepositoryAreFollowed(Transport transport) {
        assertThat(fetch(transport, "edge", "scenarios/linked.yaml").template()).isEqualTo("# release-test v2\n");
        assertThat(fetch(transport, "edge", "scenarios/dir-link/x.yaml").template()).isEqualTo("# through a linked directory\n");
        // The sibling folder of a .yml scenario is optional.
        assertThat(fetch(transport, "main", "scenarios/load-test.yml").extraFiles()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void symbolicLinksLeavingTheRepositoryAreRejected(Transport transport) {
        for (String path : List.of("scenarios/escape.yaml", "scenarios/absolute.yaml", "scenarios/up/etc/passwd",
                "scenarios/loop.yaml", "scenarios/leaky.yaml")) {
            ScenarioFetchException e = failure(transport, "edge", path);
            assertThat(e).as(path).isNotNull();
            assertThat(e.reason()).as(path).isEqualTo(Reason.UNSAFE_PATH);
            assertThat(e.getMessage()).as(path).contains(edges.name());
        }
        assertThat(failure(transport, "edge", "scenarios/escape.yaml")).hasMessageContaining("outside the repository");
    }

    @Test
    void traversalAndAbsolutePathsAreRejectedBeforeAnythingIsFetched() {
        String repo = uri(Transport.FILE, "scenarios.git");
        assertThatThrownBy(() -> new ScenarioRef(repo, "main", "../outside.yaml")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScenarioRef(repo, "main", "/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        // What the domain lets through but a repository never holds is rejected here.
        ScenarioFetchException e = catchThrowableOfType(ScenarioFetchException.class,
                () -> source.fetch(FetchRequest.of(new ScenarioRef("/nowhere/at/all", "main", ".git/config"))));
        assertThat(e.reason()).isEqualTo(Reason.UNSAFE_PATH);
        assertThat(e.getMessage()).contains(".git/config");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFileAboveTheSizeLimitIsRejectedWithTheSizeAndTheLimit(Transport transport) {
        ScenarioFetchException e = failure(transport, "edge", "scenarios/big.yaml");

        assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(e.getMessage()).contains("scenarios/big.yaml", "1048577 bytes", "1048576 bytes", edges.name());

        FetchScenarioPort strict = GitScenarioSources.create(GitSourceConfig.defaults().withMaxFileBytes(8));
        ScenarioFetchException extra = catchThrowableOfType(ScenarioFetchException.class, () -> strict.fetch(
                new FetchRequest(new ScenarioRef(uri(transport, "scenarios.git"), "v1", "runner/rbac.yaml"), List.of())));
        assertThat(extra.reason()).isEqualTo(Reason.TOO_LARGE);
    }

    @Test
    void anUnreachableRepositoryIsReportedAsSuch() throws IOException {
        int closedPort = GitDaemon.freePort();
        ScenarioFetchException refused = catchThrowableOfType(ScenarioFetchException.class, () -> source.fetch(
                FetchRequest.of(new ScenarioRef("git://127.0.0.1:" + closedPort + "/scenarios.git", "main", SCENARIO))));
        assertThat(refused.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(refused.getMessage()).contains("git://127.0.0.1:" + closedPort + "/scenarios.git", "Check the URL");

        ScenarioFetchException missing = catchThrowableOfType(ScenarioFetchException.class, () -> source.fetch(
                FetchRequest.of(new ScenarioRef(base.resolve("no-such.git").toUri().toString(), "main", SCENARIO))));
        assertThat(missing.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(missing.getMessage()).contains("no-such.git");

        ScenarioFetchException notExported = catchThrowableOfType(ScenarioFetchException.class, () -> source.fetch(
                FetchRequest.of(new ScenarioRef(daemon.uri("no-such.git"), "main", SCENARIO))));
        assertThat(notExported.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(notExported.getMessage()).contains(daemon.uri("no-such.git"));
    }

    @Test
    void aLocalPathWorksLikeFileUri() {
        ResolvedScenario resolved = source.fetch(FetchRequest.of(
                new ScenarioRef(base.resolve("scenarios.git").toString(), "v1", SCENARIO)));
        assertThat(resolved.commit()).isEqualTo(first.name());
        assertThat(resolved.origin()).isEqualTo(base.resolve("scenarios.git").toString());
    }

    @Test
    void temporaryRepositoriesAreDeletedAfterEachFetch() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = countTemporaryRepositories(tmp);
        fetch(Transport.GIT_DAEMON, "main", SCENARIO);
        fetch(Transport.FILE, first.name().substring(0, 9), SCENARIO); // uses a second, full repository too
        failure(Transport.FILE, "mian", SCENARIO);
        assertThat(countTemporaryRepositories(tmp)).isEqualTo(before);
    }

    private static long countTemporaryRepositories(Path tmp) throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("workflow-run-git-")).count();
        }
    }

    @Test
    void aCachedRepositoryServesAPinnedShaWithoutTheServer(@TempDir Path cache) throws IOException {
        FetchScenarioPort cached = GitScenarioSources.create(GitSourceConfig.defaults().withCacheDir(cache));
        ObjectId pinned;
        String uri;
        try (TestRepository repo = TestRepository.create(base, "cached.git")) {
            pinned = repo.commit("main", "one", Map.of(SCENARIO, Entry.file("cached"), "runner/rbac.yaml", Entry.file("r")));
            uri = repo.fileUri();
            assertThat(cached.fetch(FetchRequest.of(new ScenarioRef(uri, "main", SCENARIO))).commit()).isEqualTo(pinned.name());
            assertThat(cached.fetch(FetchRequest.of(new ScenarioRef(uri, "main", SCENARIO))).commit()).isEqualTo(pinned.name());
        }
        org.eclipse.jgit.util.FileUtils.delete(base.resolve("cached.git").toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);

        ResolvedScenario offline = cached.fetch(new FetchRequest(new ScenarioRef(uri, pinned.name(), SCENARIO), List.of("runner/rbac.yaml")));
        assertThat(offline.template()).isEqualTo("cached");
        assertThat(offline.extraFiles()).containsEntry("runner/rbac.yaml", "r");
        assertThat(failure(cached, uri, "main").reason()).isEqualTo(Reason.UNREACHABLE);
    }

    @Test
    void anUnusableCacheDirectoryIsALocalProblemNamingTheDirectory(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("cache"), "a file");
        FetchScenarioPort cached = GitScenarioSources.create(GitSourceConfig.defaults().withCacheDir(notADirectory));

        ScenarioFetchException e = failure(cached, uri(Transport.FILE, "scenarios.git"), "main");
        assertThat(e.reason()).isEqualTo(Reason.OTHER);
        assertThat(e.getMessage()).contains(notADirectory.toString(), "permissions");
    }

    private static ScenarioFetchException failure(FetchScenarioPort port, String uri, String ref) {
        return catchThrowableOfType(ScenarioFetchException.class, () -> port.fetch(FetchRequest.of(new ScenarioRef(uri, ref, SCENARIO))));
    }
}
