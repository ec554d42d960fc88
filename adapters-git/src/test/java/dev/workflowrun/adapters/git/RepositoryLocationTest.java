package dev.workflowrun.adapters.git;

import dev.workflowrun.domain.scenario.FetchRequest;
import dev.workflowrun.domain.scenario.ScenarioFetchException;
import dev.workflowrun.domain.scenario.ScenarioFetchException.Reason;
import dev.workflowrun.domain.scenario.ScenarioRef;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RepositoryLocationTest {

    @Test
    void aSchemeLessHostPathMeansHttps() {
        RepositoryLocation location = RepositoryLocation.parse("github.com/owner/repo");
        assertThat(location.fetchUri()).isEqualTo("https://github.com/owner/repo");
        assertThat(location.origin()).isEqualTo("github.com/owner/repo");
        assertThat(location.credentialRemoved()).isFalse();
    }

    @Test
    void httpsUserInfoIsAlwaysACredentialAndIsRemoved() {
        RepositoryLocation token = RepositoryLocation.parse("https://ghp_abc123@github.com/owner/repo.git");
        assertThat(token.fetchUri()).isEqualTo("https://github.com/owner/repo.git");
        assertThat(token.origin()).isEqualTo("https://github.com/owner/repo.git");
        assertThat(token.credentialRemoved()).isTrue();

        RepositoryLocation pair = RepositoryLocation.parse("https://user:pass@example.org:8443/x.git");
        assertThat(pair.origin()).isEqualTo("https://example.org:8443/x.git");

        RepositoryLocation schemeLess = RepositoryLocation.parse("ghp_abc123@github.com/owner/repo");
        assertThat(schemeLess.fetchUri()).isEqualTo("https://github.com/owner/repo");
        assertThat(schemeLess.origin()).doesNotContain("ghp_abc123");
    }

    @Test
    void anSshUserIsKeptButItsPasswordIsNot() {
        assertThat(RepositoryLocation.parse("ssh://git@example.org/owner/repo.git").origin()).isEqualTo("ssh://git@example.org/owner/repo.git");
        RepositoryLocation withPassword = RepositoryLocation.parse("ssh://git:secret@example.org/owner/repo.git");
        assertThat(withPassword.origin()).isEqualTo("ssh://git@example.org/owner/repo.git");
        assertThat(withPassword.credentialRemoved()).isTrue();
    }

    @Test
    void anScpLikePasswordASchemeLessPairAndACredentialQueryAreRemoved() {
        RepositoryLocation scp = RepositoryLocation.parse("alice:s3cr3t@git.example.com:owner/repo.git");
        assertThat(scp.fetchUri()).isEqualTo("alice@git.example.com:owner/repo.git");
        assertThat(scp.origin()).doesNotContain("s3cr3t");
        assertThat(scp.credentialRemoved()).isTrue();

        RepositoryLocation pair = RepositoryLocation.parse("alice:s3cr3t@github.com/owner/repo");
        assertThat(pair.fetchUri()).isEqualTo("https://github.com/owner/repo");
        assertThat(pair.credentialRemoved()).isTrue();

        RepositoryLocation query = RepositoryLocation.parse("https://gitlab.example.com/o/r.git?private_token=glpat-s3cr3t&ref=main");
        assertThat(query.fetchUri()).isEqualTo("https://gitlab.example.com/o/r.git?ref=main");
        assertThat(query.origin()).doesNotContain("s3cr3t");
        assertThat(query.credentialRemoved()).isTrue();
    }

    @Test
    void aTransportErrorThatEchoesAnAddressWithACredentialIsMasked() {
        TransportFailures failures = new TransportFailures(RepositoryLocation.parse("https://github.com/o/r"), java.time.Duration.ofSeconds(1),
                java.util.Optional.empty());
        assertThat(failures.redact("https://alice:s3cr3t@github.com/o/r: not authorized; alice:s3cr3t@host.example:o/r?private_token=glpat-s3cr3t"))
                .doesNotContain("s3cr3t");
    }

    @Test
    void localPathsAndScpLikeFormsPassThrough() {
        assertThat(RepositoryLocation.parse("/srv/git/scenarios.git").fetchUri()).isEqualTo("/srv/git/scenarios.git");
        assertThat(RepositoryLocation.parse("git@github.com:owner/repo.git").fetchUri()).isEqualTo("git@github.com:owner/repo.git");
        assertThat(RepositoryLocation.parse("file:///srv/git/scenarios.git").origin()).isEqualTo("file:///srv/git/scenarios.git");
        assertThat(RepositoryLocation.parse("git://127.0.0.1:9418/x.git").isHttp()).isFalse();
    }

    @Test
    void sshFormsAreRecognised() {
        assertThat(RepositoryLocation.parse("ssh://git@example.org/owner/repo.git").isSsh()).isTrue();
        assertThat(RepositoryLocation.parse("git@github.com:owner/repo.git").isSsh()).isTrue();
        assertThat(RepositoryLocation.parse("github.com/owner/repo").isSsh()).isFalse();
        assertThat(RepositoryLocation.parse("/srv/git/x.git").isSsh()).isFalse();
        assertThat(RepositoryLocation.parse("C:/repos/x.git").isSsh()).isFalse();
        assertThat(RepositoryLocation.parse("git://127.0.0.1/x.git").isSsh()).isFalse();
    }

    @Test
    void anSshRepositoryGetsAnActionableErrorInsteadOfAJGitInternal() {
        ScenarioFetchException e = catchThrowableOfType(ScenarioFetchException.class,
                () -> GitScenarioSources.create(GitSourceConfig.defaults()).fetch(FetchRequest.of(
                        new ScenarioRef("git@127.0.0.1:owner/repo.git", "main", "s.yaml"))));
        assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(e.getMessage()).contains("git@127.0.0.1:owner/repo.git", "ssh", "https URL");
    }

    @Test
    void cacheKeysAreReadableAndDistinct() {
        String a = Workspace.cacheKey("https://github.com/owner/repo");
        String b = Workspace.cacheKey("http://github.com/owner/repo");
        assertThat(a).startsWith("github.com-owner-repo-").isNotEqualTo(b);
    }
}
