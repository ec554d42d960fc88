package dev.workflowrun.survey.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.workflowrun.survey.model.ScenarioFacts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class MedoidTest {

    @Test
    void the_lcs_of_interned_lines_leaves_what_a_minimal_diff_leaves_unchanged() {
        Random random = new Random(19);
        for (int round = 0; round < 2_000; round++) {
            List<Integer> a = sequence(random);
            List<Integer> b = random.nextBoolean() ? mutate(a, random) : sequence(random);
            int changed = 0;
            for (AbstractDelta<Integer> d : DiffUtils.diff(a, b).getDeltas()) {
                changed += d.getSource().size();
            }
            assertThat(Lcs.length(ints(a), ints(b))).as("round %d: %s vs %s", round, a, b).isEqualTo(a.size() - changed);
        }
    }

    @Test
    void the_medoid_is_the_wrapper_most_similar_to_all_others_first_by_name_on_a_tie() {
        Random random = new Random(7);
        for (int round = 0; round < 50; round++) {
            List<Integer> base = sequence(random);
            List<ScenarioFacts> scenarios = new ArrayList<>();
            int n = 2 + random.nextInt(20);
            for (int i = 0; i < n; i++) {
                List<Integer> lines = random.nextInt(4) == 0 ? base : mutate(base, random);
                scenarios.add(facts(String.format("s-%02d", i), lines.stream().map(x -> "line " + x).toList()));
            }
            assertThat(WrapperDiffs.medoid(scenarios).name()).as("round %d", round).isEqualTo(exhaustive(scenarios).name());
        }
    }

    /** The definition: every pair diffed with java-diff-utils. */
    private static ScenarioFacts exhaustive(List<ScenarioFacts> scenarios) {
        double[] sum = new double[scenarios.size()];
        for (int i = 0; i < scenarios.size(); i++) {
            for (int j = i + 1; j < scenarios.size(); j++) {
                List<String> l = scenarios.get(i).normalised();
                List<String> r = scenarios.get(j).normalised();
                int changed = 0;
                for (AbstractDelta<String> d : DiffUtils.diff(l, r).getDeltas()) {
                    changed += d.getSource().size();
                }
                double sim = l.isEmpty() && r.isEmpty() ? 1.0 : 2.0 * (l.size() - changed) / (l.size() + r.size());
                sum[i] += sim;
                sum[j] += sim;
            }
        }
        int best = 0;
        for (int i = 1; i < sum.length; i++) {
            if (sum[i] > sum[best] + 1e-9) {
                best = i;
            }
        }
        return scenarios.get(best);
    }

    private static ScenarioFacts facts(String name, List<String> lines) {
        return new ScenarioFacts(name, List.of(), List.of(), new TreeMap<>(), List.of(), List.of(), lines, Map.of());
    }

    private static List<Integer> sequence(Random random) {
        List<Integer> out = new ArrayList<>();
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) {
            out.add(random.nextInt(8));
        }
        return out;
    }

    private static List<Integer> mutate(List<Integer> base, Random random) {
        List<Integer> out = new ArrayList<>(base);
        int edits = random.nextInt(5);
        for (int e = 0; e < edits; e++) {
            int op = random.nextInt(3);
            if (op == 0 || out.isEmpty()) {
                out.add(out.isEmpty() ? 0 : random.nextInt(out.size() + 1), random.nextInt(12));
            } else if (op == 1) {
                out.remove(random.nextInt(out.size()));
            } else {
                out.set(random.nextInt(out.size()), random.nextInt(12));
            }
        }
        return out;
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
