package dev.workflowrun.domain.render;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StructureGuardTest {

    @Test
    void theContextOfAPlaceholderIsReadFromTheText() {
        String t = "a: $X\nb: [--n=$X, y]\nc: {k: $X}\nd: \"q $X\"\ne: 'q $X'\nf: |\n  echo $X\n  more\ng: [\n  $X\n]\nh: $X # [ not a flow\n";
        assertThat(YamlContext.at(t, t.indexOf("$X"))).isEqualTo(YamlContext.PLAIN);
        assertThat(YamlContext.at(t, t.indexOf("--n=$X") + 4)).isEqualTo(YamlContext.FLOW);
        assertThat(YamlContext.at(t, t.indexOf("k: $X") + 3)).isEqualTo(YamlContext.FLOW);
        assertThat(YamlContext.at(t, t.indexOf("q $X") + 2)).isEqualTo(YamlContext.DOUBLE_QUOTED);
        assertThat(YamlContext.at(t, t.indexOf("'q $X") + 3)).isEqualTo(YamlContext.SINGLE_QUOTED);
        assertThat(YamlContext.at(t, t.indexOf("echo $X") + 5)).isEqualTo(YamlContext.BLOCK_SCALAR);
        assertThat(YamlContext.at(t, t.indexOf("  $X\n]") + 2)).as("a flow sequence over several lines").isEqualTo(YamlContext.FLOW);
        assertThat(YamlContext.at(t, t.indexOf("h: $X") + 3)).isEqualTo(YamlContext.PLAIN);
    }

    @Test
    void onlyPathsThatAppearVanishOrChangeKindAreStructuralChanges() {
        Map<String, String> values = Map.of("X", "ok,--privileged");
        Map<String, String> standIns = Map.of("X", "standin0");
        assertThat(StructureGuard.shapeChanges(List.of("- a: standin0", "+ a: ok,--privileged"), values, standIns)).isEmpty();
        assertThat(StructureGuard.shapeChanges(List.of("- args[0]: --n=standin0", "+ args[0]: --n=ok", "+ args[1]: --privileged"), values, standIns))
                .containsExactly("args[1]");
        assertThat(StructureGuard.shapeChanges(List.of("- a: standin0", "+ a: {\"k\":1}"), values, standIns)).containsExactly("a");
        assertThat(StructureGuard.shapeChanges(List.of("- labels.standin0: v", "+ labels.ok,--privileged: v"), values, standIns))
                .as("a placeholder in a key").isEmpty();
    }
}
