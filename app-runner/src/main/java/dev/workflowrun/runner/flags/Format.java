package dev.workflowrun.runner.flags;

/** {@code text} for people, {@code json} and {@code yaml} for machines (log aggregators, scripts, kubectl-style pipelines). */
public enum Format {
    TEXT, JSON, YAML;

    /** True for the machine-readable forms, written by {@link StructuredOutput}. */
    public boolean structured() {
        return this != TEXT;
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
