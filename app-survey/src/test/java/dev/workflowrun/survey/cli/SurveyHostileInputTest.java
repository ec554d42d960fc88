package dev.workflowrun.survey.cli;

import dev.workflowrun.survey.Fixtures;
import dev.workflowrun.survey.bash.BashParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile wrappers given to {@code survey}, second round: a wrapper nested deeper than any parser
 * should recurse, and an empty wrapper. Each must end in a clear message, never claim outputs that
 * were not written, and never let a wrapper it could not read decide.
 */
class SurveyHostileInputTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SurveyCli.run(new PrintWriter(out), new PrintWriter(err), args);
    }

    private Path scenarios(String hostileName, String hostileWrapper) throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("scenarios"));
        for (String n : new String[] {"a", "b", "c"}) {
            Fixtures.write(parent, n, Fixtures.workflow(n), Fixtures.wrapper(n, 30, "120s", ""));
        }
        Fixtures.write(parent, hostileName, Fixtures.workflow(hostileName), hostileWrapper);
        return parent;
    }

    private static String nestedFunctions(int depth) {
        StringBuilder sb = new StringBuilder("#!/usr/bin/env bash\n");
        for (int i = 0; i < depth; i++) {
            sb.append("f").append(i).append("() {\n");
        }
        sb.append("kubectl exec -n x pod -- touch /tmp/x\n");
        sb.append("}\n".repeat(depth));
        return sb.toString();
    }

    @Test
    void twoThousandNestedFunctionsAreRefusedClearlyAndNothingIsClaimed() throws IOException {
        for (int depth : new int[] {2_000, 20_000}) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            Path in = scenarios("deep" + depth, nestedFunctions(depth));
            Path outDir = tmp.resolve("out-" + depth);
            int code = run("--scenarios", in.toString(), "--out", outDir.toString());
            String all = out + "\n" + err;
            assertThat(code).as(all).isEqualTo(SurveyCli.INPUT);
            assertThat(err.toString()).contains("deep" + depth + ": wrapper.sh nests more than " + BashParser.MAX_DEPTH, "nothing was written");
            assertThat(all).doesNotContain("StackOverflowError", "\tat ", "wrote");
            assertThat(outDir).as("nothing written").doesNotExist();
            deleteScenario(in, "deep" + depth);
        }
    }

    @Test
    void aWrapperNestedAsDeepAsRealOnesStillIsSurveyed() throws IOException {
        Path in = scenarios("nested", nestedFunctions(40));
        Path outDir = tmp.resolve("out-nested");
        int code = run("--scenarios", in.toString(), "--out", outDir.toString());
        assertThat(code).as(out + "\n" + err).isIn(SurveyCli.OK, SurveyCli.PARTIAL);
        assertThat(outDir.resolve("checkpoint.md")).exists();
        assertThat(out.toString()).contains("wrote " + outDir.resolve("checkpoint.md"));
    }

    @Test
    void anEmptyWrapperIsRefusedAndCannotSwingTheDecision() throws IOException {
        String[] empties = {"", "\n\n", "#!/usr/bin/env bash\n", "# only a comment\n   \n\t\n"};
        for (int i = 0; i < empties.length; i++) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            Path in = scenarios("empty", empties[i]);
            Path outDir = tmp.resolve("out-empty-" + i);
            int code = run("--scenarios", in.toString(), "--out", outDir.toString());
            String all = out + "\n" + err;
            assertThat(code).as(all).isEqualTo(SurveyCli.INPUT);
            assertThat(err.toString()).contains("empty: wrapper.sh has no command", "nothing was written");
            assertThat(all).doesNotContain("wrote", "KEEP");
            assertThat(outDir).as("nothing written").doesNotExist();
        }
        // The same survey without that scenario decides as before.
        deleteScenario(tmp.resolve("scenarios"), "empty");
        Path outDir = tmp.resolve("out-without");
        assertThat(run("--scenarios", tmp.resolve("scenarios").toString(), "--out", outDir.toString())).isZero();
        assertThat(outDir.resolve("checkpoint.md")).content().contains("## Decision: PROMOTE");
    }

    private static void deleteScenario(Path parent, String name) throws IOException {
        try (var files = Files.walk(parent.resolve(name))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
