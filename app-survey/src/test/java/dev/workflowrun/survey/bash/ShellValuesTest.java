package dev.workflowrun.survey.bash;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ShellValuesTest {

    private final BashScript script = BashParser.parse("""
            DURATION_MINUTES="${DURATION_MINUTES:-20}"
            TAG="${SEID_IMAGE##*:}"
            COMMIT="${TAG##*-}"
            LIMIT=$(( (DURATION_MINUTES + 60) * 60 ))
            IMG="${IMG:-${OTHER}}"
            """);

    @Test
    void environment_wins_over_defaults_and_arithmetic_is_evaluated() {
        ShellValues v = new ShellValues(script, Map.of("DURATION_MINUTES", "30", "SEID_IMAGE", "r/seid:v6.1.0-3f9c2a1b", "OTHER", "x/y:1"));
        assertThat(v.value("DURATION_MINUTES")).contains("30");
        assertThat(v.value("LIMIT")).contains("5400");
        assertThat(v.value("COMMIT")).contains("3f9c2a1b");
        assertThat(v.value("IMG")).contains("x/y:1");
        assertThat(v.threshold("(( SECONDS - t0 > LIMIT ))")).contains(5400L);
    }

    @Test
    void defaults_apply_when_the_environment_is_silent() {
        assertThat(new ShellValues(script, Map.of()).value("LIMIT")).contains("4800");
    }
}
