package dev.workflowrun.domain.deadline;

import java.util.concurrent.atomic.AtomicBoolean;

/** A warning that fires at most once, however many times it is asked to (invariant 5). */
public final class OneShotWarning {

    private final AtomicBoolean fired = new AtomicBoolean();

    /** Runs {@code warning} the first time only; returns whether it ran now. */
    public boolean fire(Runnable warning) {
        if (fired.compareAndSet(false, true)) {
            warning.run();
            return true;
        }
        return false;
    }

    public boolean fired() {
        return fired.get();
    }
}
