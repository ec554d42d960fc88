package dev.workflowrun.survey.model;

import java.util.List;

/** One of the seven operations as a wrapper performs it: where (first line) and how. */
public record Operation(OpKind kind, List<Integer> lines, String how) {

    public Operation {
        lines = List.copyOf(lines);
        how = Strings.shared(how);
    }

    public int line() {
        return lines.isEmpty() ? 0 : lines.get(0);
    }
}
