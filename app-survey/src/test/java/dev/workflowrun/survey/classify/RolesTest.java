package dev.workflowrun.survey.classify;

import dev.workflowrun.survey.bash.BashParser;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What each CronJob variable is to the runner, read from what the wrapper does with it. */
class RolesTest {

    private static Map<String, String> roles(String wrapper, String env) {
        return Roles.of(BashParser.parse(wrapper), wrapper, Set.of("SEITASK_IMAGE"), Optional.of(CronJobs.withEnv(env)), "SEI_NAMESPACE", "SEI_WORKFLOW_RUN_ID");
    }

    @Test
    void theIdentityPlaceholdersAreTheRunnersFlagsEvenWithoutACronJob() {
        assertThat(Roles.of(BashParser.parse("echo hi\n"), "echo hi\n", Set.of(), Optional.empty(), "CHAOS_NS", "RUN_TAG"))
                .containsExactly(Map.entry("CHAOS_NS", Roles.NAMESPACE), Map.entry("RUN_TAG", Roles.RUN_ID));
        assertThat(Roles.of(BashParser.parse("echo hi\n"), "echo hi\n", Set.of(), Optional.empty(), "", "")).isEmpty();
    }

    @Test
    void declaredAwsRefAndIdentityVariablesGetNoRoleFromTheCronJob() {
        Map<String, String> roles = roles("""
                echo "$SEITASK_IMAGE $SCENARIO_REF $AWS_REGION $SEI_NAMESPACE"
                """, """
                - name: SEITASK_IMAGE
                  value: ghcr.io/a/b:1
                - name: SCENARIO_REF
                  value: main
                - name: AWS_REGION
                  value: eu-west-1
                - name: SEI_NAMESPACE
                  value: nightly
                """);

        assertThat(roles).containsExactly(Map.entry("SEI_NAMESPACE", Roles.NAMESPACE), Map.entry("SEI_WORKFLOW_RUN_ID", Roles.RUN_ID));
    }

    @Test
    void aValueTheWrapperReadsIsAnInputAndOneItNeverReadsOrOnlyMentionsInACommentIsNothing() {
        Map<String, String> roles = roles("""
                # OLD_SETTING used to pick the cluster: $OLD_SETTING
                if [ "${DEBUG:-0}" = 1 ]; then set -x; fi
                echo "$DEBUGGER_NAME"
                """, """
                - name: DEBUG
                  value: "1"
                - name: OLD_SETTING
                  value: x
                - name: UNREAD
                  value: y
                - name: DEBUGGER
                  value: z
                """);

        assertThat(roles).containsEntry("DEBUG", Roles.INPUT).doesNotContainKeys("OLD_SETTING", "UNREAD", "DEBUGGER");
    }

    @Test
    void aSecretSentToFetchTheScenarioIsTheGitTokenFromTheEnvironmentOrAFile() {
        Map<String, String> roles = roles("""
                curl -fsSL -H "Authorization: token ${GIT_PAT}" https://raw.githubusercontent.com/org/repo/main/s.yaml -o /tmp/s.yaml
                curl -fsSL -H "Authorization: token $(cat "$TOKEN_MOUNT")" https://raw.githubusercontent.com/org/repo/main/t.yaml -o /tmp/t.yaml
                curl -fsSL -H "Authorization: token $(cat $GIT_TOKEN_FILE)" https://raw.githubusercontent.com/org/repo/main/u.yaml -o /tmp/u.yaml
                """, """
                - name: GIT_PAT
                  valueFrom:
                    secretKeyRef:
                      name: git
                      key: pat
                - name: TOKEN_MOUNT
                  value: /var/run/secrets/git/token
                - name: GIT_TOKEN_FILE
                  value: /var/run/secrets/git/token
                """);

        assertThat(roles).containsEntry("GIT_PAT", Roles.TOKEN_ENV).containsEntry("TOKEN_MOUNT", Roles.TOKEN_FILE)
                .containsEntry("GIT_TOKEN_FILE", Roles.TOKEN_FILE);
    }

    @Test
    void aSecretReadThroughAnAliasIsFollowedOneHop() {
        Map<String, String> roles = roles("""
                AUTH="${GIT_PAT}"
                curl -fsSL -H "Authorization: token ${AUTH}" https://raw.githubusercontent.com/org/repo/main/s.yaml -o /tmp/s.yaml
                """, """
                - name: GIT_PAT
                  valueFrom:
                    secretKeyRef:
                      name: git
                      key: pat
                """);

        assertThat(roles).containsEntry("GIT_PAT", Roles.TOKEN_ENV);
    }

    @Test
    void aTokenAToolReadsByItselfCountsAsRead() {
        Map<String, String> roles = roles("""
                gh api repos/org/repo/contents/scenarios/s.yaml > /tmp/s.yaml
                """, """
                - name: GH_TOKEN
                  valueFrom:
                    secretKeyRef:
                      name: gh
                      key: token
                """);

        assertThat(roles).containsEntry("GH_TOKEN", Roles.TOKEN_ENV);
    }

    @Test
    void aSecretUsedToChangeTheClusterIsBespokeAndOneOnlyReadIsACredential() {
        Map<String, String> roles = roles("""
                kubectl create secret generic deploy --from-literal=key="$DEPLOY_KEY" -n "$SEI_NAMESPACE"
                printf '%s' "$SLACK_WEBHOOK" | sha256sum
                """, """
                - name: DEPLOY_KEY
                  valueFrom:
                    secretKeyRef:
                      name: deploy
                      key: key
                - name: SLACK_WEBHOOK
                  value: https://hooks.example/x
                """);

        assertThat(roles).containsEntry("DEPLOY_KEY", Roles.BESPOKE).containsEntry("SLACK_WEBHOOK", Roles.CREDENTIAL);
    }

    @Test
    void onlyTheFourCredentialRolesAreCredentials() {
        assertThat(Roles.isCredential(Roles.TOKEN_ENV)).isTrue();
        assertThat(Roles.isCredential(Roles.TOKEN_FILE)).isTrue();
        assertThat(Roles.isCredential(Roles.BESPOKE)).isTrue();
        assertThat(Roles.isCredential(Roles.CREDENTIAL)).isTrue();
        assertThat(Roles.isCredential(Roles.INPUT)).isFalse();
        assertThat(Roles.isCredential(Roles.NAMESPACE)).isFalse();
        assertThat(Roles.isCredential(null)).isFalse();
    }

    @Test
    void aNameIsReadOnlyAsAWholeVariable() {
        assertThat(Roles.reads("echo $DEBUG", "DEBUG")).isTrue();
        assertThat(Roles.reads("echo ${DEBUG:-0}", "DEBUG")).isTrue();
        assertThat(Roles.reads("echo $DEBUG_LEVEL", "DEBUG")).isFalse();
        assertThat(Roles.reads("echo DEBUG", "DEBUG")).isFalse();
        assertThat(Roles.reads("echo $OTHER", "DEBUG")).isFalse();
    }
}
