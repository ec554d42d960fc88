package dev.workflowrun.survey.model;

import java.util.List;

/** The normalised unified diff of two wrappers and their similarity (share of identical lines, 0..1). */
public record PairDiff(String left, String right, double similarity, List<String> unified) {

    public PairDiff {
        unified = Strings.shared(unified);
    }
}
