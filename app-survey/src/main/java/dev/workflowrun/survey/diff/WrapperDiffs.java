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

    public static List<PairDiff> pairs(List<ScenarioFacts> scenarios) {
        List<PairDiff> out = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            for (int j = i + 1; j < scenarios.size(); j++) {
                out.add(pair(scenarios.get(i), scenarios.get(j)));
            }
        }
        return out;
    }

    public static PairDiff pair(ScenarioFacts a, ScenarioFacts b) {
        List<String> left = Normaliser.normalise(a.name(), a.normalised());
        List<String> right = Normaliser.normalise(b.name(), b.normalised());
        Patch<String> patch = DiffUtils.diff(left, right);
        int changed = 0;
        for (AbstractDelta<String> d : patch.getDeltas()) {
            changed += d.getSource().size();
        }
        int same = left.size() - changed;
        double similarity = left.size() + right.size() == 0 ? 1.0 : 2.0 * same / (left.size() + right.size());
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
