package dev.workflowrun.survey.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import dev.workflowrun.survey.classify.Normaliser;
import dev.workflowrun.survey.model.PairDiff;
import dev.workflowrun.survey.model.ScenarioFacts;

import java.util.ArrayList;
import java.util.List;

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
        for (ScenarioFacts s : scenarios) {
            if (s != reference) {
                out.add(pair(reference, s));
            }
        }
        return out;
    }

    /** The wrapper with the highest summed similarity to all others (the first by name on a tie). */
    public static ScenarioFacts medoid(List<ScenarioFacts> scenarios) {
        List<List<String>> lines = scenarios.stream().map(s -> Normaliser.normalise(s.name(), s.normalised())).toList();
        double[] sum = new double[scenarios.size()];
        for (int i = 0; i < scenarios.size(); i++) {
            for (int j = i + 1; j < scenarios.size(); j++) {
                double sim = similarity(lines.get(i), lines.get(j), DiffUtils.diff(lines.get(i), lines.get(j)));
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

    private static double similarity(List<String> left, List<String> right, Patch<String> patch) {
        int changed = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            changed += d.getSource().size();
        }
        int same = left.size() - changed;
        return left.size() + right.size() == 0 ? 1.0 : 2.0 * same / (left.size() + right.size());
    }

    public static PairDiff pair(ScenarioFacts a, ScenarioFacts b) {
        List<String> left = Normaliser.normalise(a.name(), a.normalised());
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
