package dev.workflowrun.domain.cluster;

/** Receives the followed log lines of Task containers, each with the name of its Task; must return quickly. */
@FunctionalInterface
public interface TaskLogSink {

    void line(String task, String line);
}
