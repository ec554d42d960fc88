package dev.workflowrun.survey.bash;

import java.util.List;

/**
 * One simple command of a wrapper, in execution order (function bodies inlined at their call,
 * the EXIT trap's handler appended at the end).
 *
 * @param name        the command name ({@code kubectl}, {@code envsubst}, ...)
 * @param args        the arguments with their outer quotes removed, expansions left as written
 * @param text        the command's source text
 * @param line        1-based line of the command in the wrapper
 * @param function    the function the command was written in, or "" at top level
 * @param loop        an id of the innermost enclosing loop, or 0 outside loops
 * @param guard       the condition of the innermost enclosing {@code if}, or ""
 * @param oneShotGuard whether that {@code if} assigns a variable its own condition reads (a latch)
 * @param pipeline    the number of commands in the enclosing pipeline (1 when not piped)
 * @param onExit      whether the command runs from the EXIT trap's handler
 * @param stdin       the file redirected into the command, or ""
 * @param stdout      the file the command's output is redirected to, or ""
 * @param positional  the arguments of the function call the command runs in ({@code $1..}), in global names
 * @param callLine    the line of the outermost function call the command runs in, or 0 at top level
 */
public record Step(String name, List<String> args, String text, int line, String function, int loop, String guard,
                   boolean oneShotGuard, int pipeline, boolean onExit, String stdin, String stdout, List<String> positional,
                   int callLine) {

    public Step {
        args = List.copyOf(args);
        positional = List.copyOf(positional);
    }

    public Step(String name, List<String> args, String text, int line, String function, int loop, String guard,
                boolean oneShotGuard, int pipeline, boolean onExit, String stdin, String stdout) {
        this(name, args, text, line, function, loop, guard, oneShotGuard, pipeline, onExit, stdin, stdout, List.of(), 0);
    }

    /** The same command with other words: what a prefix such as {@code timeout 60 kubectl ...} runs. */
    public Step running(List<String> words) {
        return new Step(words.get(0), words.subList(1, words.size()), text, line, function, loop, guard, oneShotGuard, pipeline, onExit,
                stdin, stdout, positional, callLine);
    }

    /** A heredoc fed to the command, or "". */
    public String heredoc() {
        return stdin.startsWith("<<") ? stdin.substring(2) : "";
    }

    public boolean has(String arg) {
        return args.contains(arg);
    }

    /** The value of an option given as {@code --name=value} or {@code --name value}. */
    public String option(String option) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith(option + "=")) {
                return a.substring(option.length() + 1);
            }
            if (a.equals(option) && i + 1 < args.size()) {
                return args.get(i + 1);
            }
        }
        return "";
    }

    public boolean argStartsWith(String prefix) {
        return args.stream().anyMatch(a -> a.startsWith(prefix));
    }

    public String where() {
        return "line " + line + (function.isEmpty() ? "" : " in " + function + "()") + (onExit ? " (EXIT trap)" : "");
    }
}
