package dev.workflowrun.survey.bash;

import dev.workflowrun.survey.Fixtures;
import dev.workflowrun.survey.model.ExtraStep;
import dev.workflowrun.survey.model.OpKind;
import dev.workflowrun.survey.model.Operation;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WrapperRecognisersTest {

    private static WrapperFacts recognise(String bash) {
        return WrapperRecognisers.recognise(BashParser.parse(bash), Map.of());
    }

    private static String knob(WrapperFacts f, String name) {
        return f.knobs().get(name).value();
    }

    @Test
    void the_plain_wrapper_performs_the_seven_operations_in_order() {
        WrapperFacts f = recognise(Fixtures.wrapper("demo", 30, "120s", ""));
        assertThat(f.operations()).extracting(Operation::kind).containsExactly(OpKind.FETCH, OpKind.SUBSTITUTE, OpKind.APPLY,
                OpKind.WAIT, OpKind.CAPTURE, OpKind.CLEANUP, OpKind.UPLOAD);
        assertThat(f.sequence()).containsExactly("fetch", "substitute", "apply", "wait", "capture", "abort", "delete", "sweep", "upload");
        assertThat(f.extras()).isEmpty();
    }

    @Test
    void fetch_recognises_curl_of_a_raw_file_git_and_the_contents_api() {
        assertThat(knob(recognise("curl -fsSL -o s.yaml https://raw.githubusercontent.com/o/r/${SCENARIO_REF}/scenarios/x.yaml"),
                "fetch.method")).isEqualTo("curl raw file");
        WrapperFacts git = recognise("git -C src fetch --depth 1 https://github.com/o/r \"${SCENARIO_REF}\"\n");
        assertThat(knob(git, "fetch.method")).startsWith("git");
        assertThat(knob(git, "fetch.repo")).isEqualTo("github.com/o/r");
        assertThat(knob(git, "fetch.ref-variable")).isEqualTo("SCENARIO_REF");
        assertThat(knob(recognise("curl -o s.yaml \"https://api.github.com/repos/o/r/contents/scenarios/x.yaml?ref=${REF}\""),
                "fetch.method")).isEqualTo("curl GitHub contents API");
    }

    @Test
    void substitution_reads_the_allow_list_and_tells_a_pipeline_from_temp_files() {
        WrapperFacts files = recognise("envsubst '${B} ${A}' < in.yaml > out.yaml\n");
        assertThat(files.allowList()).containsExactly("A", "B");
        assertThat(knob(files, "substitute.io")).isEqualTo("temp files");
        WrapperFacts pipe = recognise("git show H:x.yaml | envsubst '$A,$C' | kubectl apply -f -\n");
        assertThat(pipe.allowList()).containsExactly("A", "C");
        assertThat(knob(pipe, "substitute.io")).isEqualTo("pipeline");
        assertThat(pipe.operations()).extracting(Operation::kind).containsExactly(OpKind.FETCH, OpKind.SUBSTITUTE, OpKind.APPLY);
        assertThat(pipe.operations().get(2).how()).contains("from a pipe");
        assertThat(knob(recognise("envsubst < in.yaml > out.yaml\n"), "substitute.allow-list")).startsWith("none");
    }

    @Test
    void the_wait_loop_yields_poll_interval_deadlines_and_a_one_shot_warning() {
        WrapperFacts f = recognise(Fixtures.wrapper("demo", 45, "120s", ""));
        assertThat(knob(f, "wait.poll-interval")).isEqualTo("45s");
        assertThat(knob(f, "wait.soft-deadline")).isEqualTo("60m");
        assertThat(knob(f, "wait.hard-deadline")).isEqualTo("75m");
        assertThat(knob(f, "wait.overrun-warning")).startsWith("one-shot");
        assertThat(knob(f, "wait.condition")).contains("Accomplished");
    }

    @Test
    void a_warning_without_a_latch_repeats_and_deadlines_in_minutes_are_converted() {
        WrapperFacts f = recognise("""
                DEADLINE_MIN=90
                deadline=$(( $(date +%s) + DEADLINE_MIN * 60 ))
                while [ "$(date +%s)" -lt "${deadline}" ]; do
                  s=$(kubectl get wf x -o jsonpath='{.status}')
                  if (( SECONDS > 3600 )); then
                    echo "WARN late"
                  fi
                  sleep 60
                done
                """);
        assertThat(knob(f, "wait.overrun-warning")).startsWith("repeats");
        assertThat(knob(f, "wait.hard-deadline")).isEqualTo("90m");
        assertThat(knob(f, "wait.deadline-math")).startsWith("deadline=");
    }

    @Test
    void an_operation_hidden_in_a_function_is_found_where_the_function_is_called() {
        WrapperFacts f = recognise("""
                grab() {
                  kubectl get workflow x -o yaml > w.yaml
                  kubectl get workflownodes -l a=b -o yaml > n.yaml
                }
                kubectl apply -f r.yaml
                grab
                kubectl delete workflow x --wait=true --timeout=60s
                """);
        Operation capture = f.operations().stream().filter(o -> o.kind() == OpKind.CAPTURE).findFirst().orElseThrow();
        assertThat(capture.lines()).containsExactly(2, 3);
        assertThat(capture.how()).contains("inside grab()");
        assertThat(f.sequence()).containsExactly("apply", "capture", "delete");
    }

    @Test
    void cleanup_reports_abort_delete_bound_and_sweep() {
        WrapperFacts f = recognise(Fixtures.wrapper("demo", 30, "300s", ""));
        assertThat(knob(f, "cleanup.abort")).contains("abort=true");
        assertThat(knob(f, "cleanup.delete-timeout")).isEqualTo("300s");
        assertThat(knob(f, "cleanup.sweep")).contains("chaos-mesh.org/workflow=$WF");
        assertThat(recognise("kubectl delete wf x --wait=true\n").knobs().get("cleanup.delete-timeout").value()).startsWith("none");
    }

    @Test
    void upload_reports_bucket_key_shape_and_whether_it_runs_on_failure() {
        WrapperFacts trapped = recognise(Fixtures.wrapper("demo", 30, "120s", ""));
        assertThat(knob(trapped, "upload.bucket")).isEqualTo("harbor-validation-results");
        assertThat(knob(trapped, "upload.key-shape")).isEqualTo("nightly/demo/$SEI_WORKFLOW_RUN_ID/");
        assertThat(knob(trapped, "upload.on-failure")).startsWith("yes");
        WrapperFacts plain = recognise("aws s3 cp out s3://bucket/k/ --recursive\n");
        assertThat(knob(plain, "upload.on-failure")).startsWith("no");
    }

    @Test
    void log_format_and_run_id_scheme_are_knobs() {
        WrapperFacts f = recognise(Fixtures.wrapper("demo", 30, "120s", ""));
        assertThat(knob(f, "log.format")).startsWith("text");
        assertThat(knob(f, "run-id.scheme")).isEqualTo("r-$(date +%s)");
        WrapperFacts json = recognise("""
                jlog() { printf '{"ts":"%s","msg":"%s"}\\n' "$(date -u +%FT%TZ)" "$1"; }
                jlog hi
                """);
        assertThat(knob(json, "log.format")).startsWith("json");
    }

    @Test
    void extra_steps_are_derived_values_covered_steps_or_bespoke() {
        WrapperFacts f = recognise("""
                TAG="${SEID_IMAGE##*:}"
                COMMIT="${TAG##*-}"
                kubectl get pods -l a=b -o jsonpath='{.items[*].status.containerStatuses[*].state.terminated.exitCode}'
                kubectl scale deployment/x --replicas=0
                """);
        assertThat(f.extras()).extracting(ExtraStep::kind).containsExactlyInAnyOrder(ExtraStep.Kind.DERIVED_VALUE,
                ExtraStep.Kind.DERIVED_VALUE, ExtraStep.Kind.COVERED, ExtraStep.Kind.BESPOKE);
        assertThat(f.extras()).filteredOn(e -> e.kind() == ExtraStep.Kind.BESPOKE).first()
                .extracting(ExtraStep::what).asString().contains("kubectl scale");
        assertThat(knob(f, "outcome.source")).isEqualTo("Task pod exit codes");
    }
}
