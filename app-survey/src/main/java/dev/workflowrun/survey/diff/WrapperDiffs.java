package dev.workflowrun.survey.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import dev.workflowrun.survey.classify.Normaliser;
import dev.workflowrun.survey.model.PairDiff;
import dev.workflowrun.survey.model.ScenarioFacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalised unified diffs between every pair of wrappers, with java-diff-utils. */
public final class WrapperDiffs {

    private WrapperDiffs() {
    }

    /** Up to this many scenarios every pair is diffed; beyond it, each wrapper against the most typical one. */
    public static final int ALL_PAIRS_LIMIT = 6;

    public static List<PairDiff> pairs(List<ScenarioFacts> scenarios) {
        List<PairDiff> out = new ArrayList<>();
        if (scenarios.size() <= ALL_PAIRS_LIMIT) {
            for (int i = 0; i < scenarios.size(); i++) {
                for (int j = i + 1; j < scenarios.size(); j++) {
                    out.add(pair(scenarios.get(i), scenarios.get(j)));
                }
            }
            return out;
        }
        ScenarioFacts reference = medoid(scenarios);
        List<String> referenceLines = Normaliser.normalise(reference.name(), reference.normalised());
        // Each diff is independent of the others: on every core, collected in the scenarios' order.
        return scenarios.parallelStream().filter(s -> s != reference)
                .map(s -> pair(reference, referenceLines, s)).toList();
    }

    /**
     * Up to this many distinct wrappers the medoid sums each one's similarity to every other; beyond
     * it, to this many references spread evenly over the sorted scenarios, so the cost grows linearly
     * with N instead of with N squared (4.5 million diffs at N = 3,000).
     */
    public static final int MEDOID_EXACT_LIMIT = 400;

    /**
     * The wrapper with the highest summed similarity to all others (the first by name on a tie).
     * Identical normalised wrappers are compared once and counted by their number; similarity is
     * computed from the longest common subsequence of interned lines, which is what a minimal diff
     * leaves unchanged, without building the diff.
     */
    public static ScenarioFacts medoid(List<ScenarioFacts> scenarios) {
        Map<String, Integer> ids = new HashMap<>();
        Map<List<Integer>, Integer> distinctIndex = new LinkedHashMap<>();
        List<int[]> distinct = new ArrayList<>();
        List<Integer> weight = new ArrayList<>();
        int[] groupOf = new int[scenarios.size()];
        List<List<String>> normalised = scenarios.parallelStream().map(s -> Normaliser.normalise(s.name(), s.normalised())).toList();
        for (int i = 0; i < scenarios.size(); i++) {
            List<Integer> key = normalised.get(i).stream()
                    .map(l -> ids.computeIfAbsent(l, x -> ids.size())).toList();
            Integer g = distinctIndex.get(key);
            if (g == null) {
                g = distinct.size();
                distinctIndex.put(key, g);
                distinct.add(key.stream().mapToInt(Integer::intValue).toArray());
                weight.add(0);
            }
            weight.set(g, weight.get(g) + 1);
            groupOf[i] = g;
        }
        int d = distinct.size();
        int[] references = references(d);
        double[] sum = new double[d];
        // each group's sum is its own, added up in the same order whichever thread computes it
        java.util.stream.IntStream.range(0, d).parallel().forEach(g -> {
            double total = 0;
            for (int r : references) {
                // an identical wrapper is similar 1.0; a group is compared with its own other members only
                int others = r == g ? weight.get(r) - 1 : weight.get(r);
                if (others > 0) {
                    total += others * (r == g ? 1.0 : similarity(distinct.get(g), distinct.get(r)));
                }
            }
            sum[g] = total;
        });
        int best = 0;
        for (int i = 1; i < scenarios.size(); i++) {
            if (sum[groupOf[i]] > sum[groupOf[best]] + 1e-9) {
                best = i;
            }
        }
        return scenarios.get(best);
    }

    /** All distinct wrappers, or {@link #MEDOID_EXACT_LIMIT} of them evenly spaced. */
    private static int[] references(int distinct) {
        if (distinct <= MEDOID_EXACT_LIMIT) {
            return java.util.stream.IntStream.range(0, distinct).toArray();
        }
        int[] out = new int[MEDOID_EXACT_LIMIT];
        for (int k = 0; k < out.length; k++) {
            out[k] = (int) ((long) k * distinct / MEDOID_EXACT_LIMIT);
        }
        return out;
    }

    /** 2 * LCS / (|a| + |b|): the share of lines a minimal diff leaves unchanged. */
    static double similarity(int[] a, int[] b) {
        return a.length + b.length == 0 ? 1.0 : 2.0 * Lcs.length(a, b) / (a.length + b.length);
    }

    private static double similarity(List<String> left, List<String> right, Patch<String> patch) {
        int changed = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            changed += d.getSource().size();
        }
        int same = left.size() - changed;
        return left.size() + right.size() == 0 ? 1.0 : 2.0 * same / (left.size() + right.size());
    }

    public static PairDiff pair(ScenarioFacts a, ScenarioFacts b) {
        return pair(a, Normaliser.normalise(a.name(), a.normalised()), b);
    }

    private static PairDiff pair(ScenarioFacts a, List<String> left, ScenarioFacts b) {
        List<String> right = Normaliser.normalise(b.name(), b.normalised());
        Patch<String> patch = DiffUtils.diff(left, right);
        double similarity = similarity(left, right, patch);
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(a.name() + "/wrapper.sh", b.name() + "/wrapper.sh", left, patch, 2);
        return new PairDiff(a.name(), b.name(), Math.round(similarity * 1000) / 1000.0, unified);
    }

    /** Side-by-side rows (left, right, tag) for the HTML page. */
    public static List<String[]> sideBySide(ScenarioFacts a, ScenarioFacts b) {
        var generator = com.github.difflib.text.DiffRowGenerator.create().showInlineDiffs(false).build();
        List<String[]> rows = new ArrayList<>();
        for (var row : generator.generateDiffRows(Normaliser.normalise(a.name(), a.normalised()),
                Normaliser.normalise(b.name(), b.normalised()))) {
            rows.add(new String[]{row.getOldLine(), row.getNewLine(), row.getTag().name()});
        }
        return rows;
    }
}
