package dev.workflowrun.survey.model;

import java.util.List;

/**
 * The checkpoint's verdict.
 *
 * @param premature  fewer than three scenarios: the seed's rule says the checkpoint is too early
 * @param reasons    every rule that fired, each traced to findings
 * @param flags      the typed interface's flags
 * @param notExposed knobs the typed interface must not expose (YAGNI and drift)
 * @param extraSteps where each extra step should live
 * @param checks     every rule that was checked, in order, whether it fired or passed
 * @param confidence how much of the wrappers the survey understood: high, medium or low, with why
 */
public record Decision(Verdict verdict, boolean premature, List<Reason> reasons, List<String> flags, List<String> notExposed,
                       List<String> extraSteps, List<Check> checks, Confidence confidence) {

    public enum Verdict { PROMOTE, KEEP }

    /** One rule as checked: {@code fired} when its condition held (and so it argues its way), else it passed. */
    public record Check(String rule, boolean forPromote, boolean fired, String result) {
    }

    /** What the survey could not read lowers this; it never decides by itself. */
    public record Confidence(String level, String why, List<String> notUnderstood) {
        public Confidence {
            notUnderstood = List.copyOf(notUnderstood);
        }
    }

    /** A rule that fired, whether it argues for promoting or keeping, and its evidence. */
    public record Reason(String rule, boolean forPromote, String text, List<String> evidence) {
        public Reason {
            evidence = List.copyOf(evidence);
        }
    }

    public Decision {
        reasons = List.copyOf(reasons);
        flags = List.copyOf(flags);
        notExposed = List.copyOf(notExposed);
        extraSteps = List.copyOf(extraSteps);
        checks = List.copyOf(checks);
    }
}
