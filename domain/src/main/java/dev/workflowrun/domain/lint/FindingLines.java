package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintFinding;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line of a scenario file a lint finding is about, for {@code file:line} in {@code lint}'s output.
 * A finding names its subject in its message: a line number it already carries ({@code at line 9},
 * {@code line: 9}), a placeholder ({@code $NAME}) or a quoted name ({@code template 'run-test'}).
 * The line is the first that defines that name ({@code name: run-test}), else the first that mentions
 * it; a finding about the whole file (e.g. no Workflow) is at line 1.
 */
public final class FindingLines {

    private static final Pattern LINE = Pattern.compile("\\bline:? (\\d+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern QUOTED = Pattern.compile("'([^'\\s]+)'");

    private FindingLines() {
    }

    public static int lineOf(LintFinding finding, String fileText) {
        String[] lines = fileText.split("\n", -1);
        String message = finding.message();
        Matcher line = LINE.matcher(message);
        if (line.find()) {
            int n = Integer.parseInt(line.group(1));
            if (n >= 1 && n <= lines.length) {
                return n;
            }
        }
        Matcher placeholder = PLACEHOLDER.matcher(message);
        if (placeholder.find() && message.indexOf('$') < firstQuote(message)) {
            String name = placeholder.group(1);
            Optional<Integer> found = first(lines, Pattern.compile("\\$\\{?" + Pattern.quote(name) + "(?![A-Za-z0-9_])"));
            if (found.isPresent()) {
                return found.get();
            }
        }
        Matcher quoted = QUOTED.matcher(message);
        while (quoted.find()) {
            String name = quoted.group(1);
            Optional<Integer> defined = first(lines, Pattern.compile("^\\s*(?:-\\s*)?name:\\s*[\"']?" + Pattern.quote(name) + "[\"']?\\s*(?:#.*)?$"));
            Optional<Integer> mentioned = defined.isPresent() ? defined : first(lines, Pattern.compile(Pattern.quote(name)));
            if (mentioned.isPresent()) {
                return mentioned.get();
            }
        }
        return 1;
    }

    private static int firstQuote(String message) {
        int q = message.indexOf('\'');
        return q < 0 ? Integer.MAX_VALUE : q;
    }

    private static Optional<Integer> first(String[] lines, Pattern pattern) {
        for (int i = 0; i < lines.length; i++) {
            if (pattern.matcher(lines[i]).find()) {
                return Optional.of(i + 1);
            }
        }
        return Optional.empty();
    }
}
