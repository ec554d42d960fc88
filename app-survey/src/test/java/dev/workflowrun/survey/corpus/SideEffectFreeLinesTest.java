package dev.workflowrun.survey.corpus;

import dev.workflowrun.survey.Survey;
import dev.workflowrun.survey.model.Decision;
import dev.workflowrun.survey.model.SurveyModel;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One ordinary, side-effect-free line added to one example wrapper (after its {@code set} line) must not move the
 * decision: a derived value is a value, a debug switch or a differently named log helper is not a bespoke step.
 */
class SideEffectFreeLinesTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {
            "RUN_SUFFIX=$(od -An -N4 -tx1 /dev/urandom | tr -d ' \\n')",
            "NONCE=$(openssl rand -hex 6)",
            "TRACE_ID=$(uuidgen | cut -c1-8)",
            "SEID_VERSION=$(echo \"${SEID_IMAGE:-x:v1}\" | sed -E 's/.*:v?//')",
            "MAJOR=$(echo \"${SEID_IMAGE:-x:v1.2}\" | awk -F: '{print $NF}' | cut -d. -f1)",
            "CHAIN_UPPER=$(printf '%s' \"${SEI_CHAIN_ID:-c}\" | tr '[:lower:]' '[:upper:]')",
            "CONFIG_NAME=$(jq -r '.name // \"none\"' <<< '{}')",
            "set -x",
            "shopt -s nullglob",
            "emit() { printf '%s %s\\n' \"$(date -u +%FT%TZ)\" \"$*\" >&2; }",
            "STARTED_AT=$(date -u +%s)",
            "tar -czf /tmp/wrapper-src.tgz -C /tmp . 2>/dev/null || true",
            "HOST_SHORT=$(hostname | cut -d. -f1)"})
    void the_examples_stay_promoted(String line) throws IOException {
        for (String scenario : List.of("load-test", "major-upgrade", "release-test")) {
            Path root = tmp.resolve(scenario + "-" + Math.abs(line.hashCode()));
            copy(Path.of("..", "examples", "scenarios"), root);
            Path wrapper = root.resolve(scenario).resolve("wrapper.sh");
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(wrapper));
            int at = 0;
            while (at < lines.size() && !lines.get(at).startsWith("set ")) {
                at++;
            }
            lines.add(at + 1, line);
            Files.write(wrapper, lines);
            SurveyModel m = Survey.of(List.of(root.toString()));
            assertThat(m.decision().verdict()).as(scenario + " + `" + line + "`").isEqualTo(Decision.Verdict.PROMOTE);
            assertThat(m.decision().confidence().level()).as(scenario + " + `" + line + "`").isEqualTo("high");
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
