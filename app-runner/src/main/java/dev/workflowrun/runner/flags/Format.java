package dev.workflowrun.runner.flags;

/** {@code text} for people, {@code json} for machines (log aggregators, scripts). */
public enum Format {
    TEXT, JSON;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
