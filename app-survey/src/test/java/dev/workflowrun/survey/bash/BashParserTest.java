package dev.workflowrun.survey.bash;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BashParserTest {

    @Test
    void a_function_body_is_walked_where_the_function_is_called() {
        BashScript s = BashParser.parse("""
                apply_it() {
                  kubectl apply -f r.yaml
                }
                echo before
                apply_it
                """);
        assertThat(s.steps()).extracting(Step::name).containsExactly("echo", "apply_it", "kubectl");
        Step kubectl = s.steps().get(2);
        assertThat(kubectl.function()).isEqualTo("apply_it");
        assertThat(kubectl.line()).isEqualTo(2);
    }

    @Test
    void the_exit_trap_handler_runs_last() {
        BashScript s = BashParser.parse("""
                finish() { aws s3 cp out s3://b/k; }
                trap finish EXIT
                kubectl apply -f r.yaml
                """);
        assertThat(s.traps()).containsEntry("EXIT", "finish");
        Step last = s.steps().get(s.steps().size() - 1);
        assertThat(last.name()).isEqualTo("aws");
        assertThat(last.onExit()).isTrue();
    }

    @Test
    void pipelines_redirections_loops_and_latched_guards_are_recorded() {
        BashScript s = BashParser.parse("""
                envsubst '$A' < in.yaml > out.yaml
                W=0
                while true; do
                  if [ "$T" -ge 60 ] && [ "$W" -eq 0 ]; then
                    echo warn
                    W=1
                  fi
                  sleep 5
                done
                """);
        Step piped = BashParser.parse("git show FETCH_HEAD:s.yaml | envsubst '$A' | kubectl apply -f -\n").steps().stream()
                .filter(x -> x.name().equals("envsubst")).findFirst().orElseThrow();
        assertThat(piped.pipeline()).isEqualTo(3);
        Step filed = s.steps().stream().filter(x -> x.name().equals("envsubst")).findFirst().orElseThrow();
        assertThat(filed.stdin()).isEqualTo("in.yaml");
        assertThat(filed.stdout()).isEqualTo("out.yaml");
        Step warn = s.steps().stream().filter(x -> x.text().equals("echo warn")).findFirst().orElseThrow();
        assertThat(warn.loop()).isPositive();
        assertThat(warn.oneShotGuard()).isTrue();
        assertThat(s.loopConditions()).containsValue("true");
    }

    @Test
    void assignments_keep_exports_and_values_without_quotes() {
        BashScript s = BashParser.parse("""
                export NS="${NS:-default}"
                TAG="${IMAGE##*:}"
                export IMAGE
                """);
        assertThat(s.lastAssignment("NS")).get().extracting(Assignment::value, Assignment::exported)
                .containsExactly("${NS:-default}", true);
        assertThat(s.lastAssignment("TAG")).get().extracting(Assignment::exported).isEqualTo(false);
        assertThat(s.assignments()).anyMatch(a -> a.name().equals("IMAGE") && a.bare() && a.exported());
    }

    @Test
    void unparsable_bash_is_reported_with_line_and_column_and_the_rest_is_still_walked() {
        BashScript s = BashParser.parse("""
                kubectl apply -f r.yaml
                if then fi (((
                aws s3 cp out s3://b/k
                """);
        assertThat(s.partial()).isTrue();
        assertThat(s.problems().get(0).line()).isEqualTo(2);
        assertThat(s.problems().get(0).column()).isPositive();
        assertThat(s.steps()).extracting(Step::name).contains("kubectl");
    }
}
