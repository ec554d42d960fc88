package dev.workflowrun.runner.verify;

import dev.workflowrun.domain.run.ExitCode;
import dev.workflowrun.domain.verify.VerifyDrift;
import dev.workflowrun.domain.verify.VerifyReport;
import dev.workflowrun.domain.verify.VerifyRow;

/**
 * {@code verify}'s exit code. A broken rule is the manifests' fault (2); a scenario that could not be
 * fetched (the network, git, a token) says nothing about them, so when nothing else is broken it has a
 * code of its own, 69 ({@code EX_UNAVAILABLE} of sysexits.h): a CI step can retry it, or fall back to
 * {@code --offline}, instead of blaming the change.
 */
public final class VerifyExit {

    /** {@code EX_UNAVAILABLE}: a scenario could not be fetched, and no rule that could be checked is broken. */
    public static final int UNAVAILABLE = 69;

    private VerifyExit() {
    }

    public static int of(VerifyReport report) {
        if (report.passes()) {
            return ExitCode.PASSED.code();
        }
        // Broken rows are always shown, so the shown rows hold every one of them.
        boolean onlyFetches = report.rows().stream().filter(r -> r.verdict() == VerifyRow.Verdict.BROKEN)
                .allMatch(r -> r.rule().equals(VerifyDrift.FETCH));
        return onlyFetches ? UNAVAILABLE : ExitCode.INFRA_FAILED.code();
    }
}
