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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tokens over https-style transport, against a real HTTP git server that demands one. Every log
 * line (JGit's transport code logs at trace here) and every exception text is collected and
 * searched for the token.
 */
class HttpTokenTest {

    private static final String TOKEN = "ghp_Secret0Token1Value2For3Tests4";
    private static final String WRONG = "ghp_Wrong0Token1Value2For3Tests44";
    private static final String SCENARIO = "scenarios/private.yaml";

    @TempDir
    static Path base;

    private static TestRepository repo;
    private static TokenCheckingHttpGitServer server;
    private static ObjectId tip;
    private static ObjectId older;

    private final StringBuilder seen = new StringBuilder();
    private PrintStream originalErr;
    private PrintStream originalOut;
    private ByteArrayOutputStream captured;

    @BeforeAll
    static void startServer() throws IOException {
        repo = TestRepository.create(base, "private.git");
        older = repo.commit("main", "older", Map.of(SCENARIO, Entry.file("# older\n")));
        tip = repo.commit("main", "tip", Map.of(SCENARIO, Entry.file("# private\n"), "runner/rbac.yaml", Entry.file("rbac")));
        server = new TokenCheckingHttpGitServer(repo.repository(), TOKEN);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        if (repo != null) {
            repo.close();
        }
    }

    @BeforeEach
    void captureOutput() {
        originalErr = System.err;
        originalOut = System.out;
        captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setErr(both);
        System.setOut(both);
    }

    @AfterEach
    void noTokenAnywhere() {
        System.setErr(originalErr);
        System.setOut(originalOut);
        String logs = captured.toString(StandardCharsets.UTF_8);
        originalOut.print(logs); // keep the log in the test report
        assertThat(logs + seen).doesNotContain(TOKEN).doesNotContain(WRONG);
    }

    private FetchScenarioPort withEnvToken(String value) {
        return GitScenarioSources.create(GitSourceConfig.defaults().withTokenEnvVariable("SCENARIO_GIT_TOKEN"),
                Map.of("SCENARIO_GIT_TOKEN", value)::get);
    }

    private ScenarioFetchException failure(FetchScenarioPort port, String repository) {
        ScenarioFetchException e = catchThrowableOfType(ScenarioFetchException.class,
                () -> port.fetch(FetchRequest.of(new ScenarioRef(repository, "main", SCENARIO))));
        assertThat(e).isNotNull();
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        seen.append(trace);
        return e;
    }

    @Test
    void withoutATokenThePrivateRepositoryAsksForOne() {
        ScenarioFetchException e = failure(GitScenarioSources.create(GitSourceConfig.defaults()), server.uri());

        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(e.getMessage()).contains(server.uri(), "no token is configured");
    }

    @Test
    void aWrongTokenIsRefusedWithoutBeingShown() {
        ScenarioFetchException e = failure(withEnvToken(WRONG), server.uri());

        assertThat(e.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(e.getMessage()).contains(server.uri(), "token was refused");
    }

    @Test
    void theTokenFromAnEnvironmentVariableOpensTheRepositoryAtDepthOneAndBySha() {
        FetchScenarioPort port = withEnvToken(TOKEN);
        ResolvedScenario resolved = port.fetch(new FetchRequest(new ScenarioRef(server.uri(), "main", SCENARIO), List.of("runner/rbac.yaml")));
        assertThat(resolved.commit()).isEqualTo(tip.name());
        assertThat(resolved.template()).isEqualTo("# private\n");
        assertThat(resolved.extraFiles()).containsEntry("runner/rbac.yaml", "rbac");

        // Protocol v0 over HTTP: a non-tip SHA and an abbreviation still resolve.
        assertThat(port.fetch(FetchRequest.of(new ScenarioRef(server.uri(), older.name(), SCENARIO))).template()).isEqualTo("# older\n");
        assertThat(port.fetch(FetchRequest.of(new ScenarioRef(server.uri(), older.name().substring(0, 7), SCENARIO))).commit())
                .isEqualTo(older.name());
        // The protocol exchange was logged at trace level, so the check after each test has teeth.
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("org.eclipse.jgit.transport.PacketLineOut");
    }

    @Test
    void theTokenFromAFileOpensTheRepository() throws IOException {
        Path file = Files.writeString(base.resolve("token"), TOKEN + "\n");
        FetchScenarioPort port = GitScenarioSources.create(GitSourceConfig.defaults().withTokenFile(file));

        assertThat(port.fetch(FetchRequest.of(new ScenarioRef(server.uri(), "main", SCENARIO))).commit()).isEqualTo(tip.name());
    }

    @Test
    void aCredentialInTheUrlIsRefusedUnshownAndWouldNeverBeUsed() {
        String withCredential = server.uri().replace("http://", "http://someone:" + TOKEN + "@");

        // The domain refuses the address before any fetch, without repeating the credential.
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> new ScenarioRef(withCredential, "main", SCENARIO));
        assertThat(refused).isInstanceOf(IllegalArgumentException.class);
        assertThat(refused.getMessage()).contains("carries a credential", "--git-token-file", "--git-token-env").doesNotContain(TOKEN);
        seen.append(refused.getMessage());

        // Should a raw address reach the adapter anyway, the credential is neither used nor shown.
        RepositoryLocation location = RepositoryLocation.parse(withCredential);
        assertThat(location.fetchUri()).isEqualTo(server.uri());
        assertThat(location.origin()).isEqualTo(server.uri());
        assertThat(location.credentialRemoved()).isTrue();
        RepositoryLocation query = RepositoryLocation.parse(server.uri() + "?private_token=" + TOKEN);
        assertThat(query.fetchUri()).isEqualTo(server.uri());
        assertThat(query.credentialRemoved()).isTrue();
    }

    @Test
    void aMissingTokenSourceIsNamedButNeverGuessed() {
        ScenarioFetchException unset = failure(GitScenarioSources.create(
                GitSourceConfig.defaults().withTokenEnvVariable("SCENARIO_GIT_TOKEN"), name -> null), server.uri());
        assertThat(unset.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(unset.getMessage()).contains("SCENARIO_GIT_TOKEN", "not set");

        Path missing = base.resolve("no-such-token-file");
        ScenarioFetchException noFile = failure(GitScenarioSources.create(GitSourceConfig.defaults().withTokenFile(missing)), server.uri());
        assertThat(noFile.reason()).isEqualTo(Reason.AUTHENTICATION);
        assertThat(noFile.getMessage()).contains(missing.toString());
    }

    @Test
    void aTokenValueWhereAVariableNameBelongsIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> GitSourceConfig.defaults().withTokenEnvVariable(TOKEN + "-value"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> seen.append(e.getMessage()))
                .hasMessageContaining("variable name");
    }
}
