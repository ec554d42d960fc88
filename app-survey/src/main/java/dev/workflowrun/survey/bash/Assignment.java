package dev.workflowrun.survey.bash;

/**
 * A variable assignment ({@code X=...}, {@code export X=...}, {@code local x=...}) or a bare
 * {@code export X}.
 *
 * @param value the assigned text with outer quotes removed, or "" for a bare export
 */
public record Assignment(String name, String value, int line, boolean exported, String function, boolean bare,
                         java.util.List<String> positional) {

    public Assignment {
        positional = java.util.List.copyOf(positional);
    }

    public Assignment(String name, String value, int line, boolean exported, String function, boolean bare) {
        this(name, value, line, exported, function, bare, java.util.List.of());
    }
}
