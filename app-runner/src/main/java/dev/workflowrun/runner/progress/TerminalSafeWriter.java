package dev.workflowrun.runner.progress;

import dev.workflowrun.domain.text.Printable;

import java.io.PrintWriter;

/**
 * Everything a command prints goes through here: control characters other than newline and tab (escape
 * codes, carriage returns, bidirectional overrides) are shown as {@code \\uXXXX}, whichever file, flag,
 * value or server answer they came from, so no output can rewrite the terminal or hide what follows.
 */
public final class TerminalSafeWriter extends PrintWriter {

    private TerminalSafeWriter(PrintWriter target) {
        super(target, true);
    }

    public static PrintWriter wrap(PrintWriter target) {
        return target instanceof TerminalSafeWriter ? target : new TerminalSafeWriter(target);
    }

    @Override
    public void write(int c) {
        if (safe((char) c)) {
            super.write(c);
        } else {
            String shown = Printable.of(String.valueOf((char) c));
            super.write(shown, 0, shown.length());
        }
    }

    @Override
    public void write(char[] buf, int off, int len) {
        write(new String(buf, off, len), 0, len);
    }

    @Override
    public void write(String s, int off, int len) {
        synchronized (lock) {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (!safe(s.charAt(i))) {
                    super.write(s, start, i - start);
                    String shown = Printable.of(String.valueOf(s.charAt(i)));
                    super.write(shown, 0, shown.length());
                    start = i + 1;
                }
            }
            super.write(s, start, off + len - start);
        }
    }

    private static boolean safe(char c) {
        return c == '\n' || c == '\t' || Printable.of(String.valueOf(c)).length() == 1;
    }
}
