package dev.workflowrun.runner.secrets;

import dev.workflowrun.domain.text.Scrubber;

import java.io.PrintWriter;

/** Prints through {@code target} with every line scrubbed: what the summary prints is held to the same rule as the bundle. */
public final class ScrubbingPrintWriter extends PrintWriter {

    private final Scrubber scrubber;
    private final StringBuilder line = new StringBuilder();

    private ScrubbingPrintWriter(PrintWriter target, Scrubber scrubber) {
        super(target, true);
        this.scrubber = scrubber;
    }

    public static PrintWriter wrap(PrintWriter target, Scrubber scrubber) {
        return scrubber.isEmpty() ? target : new ScrubbingPrintWriter(target, scrubber);
    }

    @Override
    public void write(int c) {
        synchronized (lock) {
            line.append((char) c);
            if (c == '\n') {
                drain();
            }
        }
    }

    @Override
    public void write(char[] buf, int off, int len) {
        write(new String(buf, off, len), 0, len);
    }

    @Override
    public void write(String s, int off, int len) {
        synchronized (lock) {
            line.append(s, off, off + len);
            if (s.indexOf('\n', off) >= 0 && s.indexOf('\n', off) < off + len) {
                drain();
            }
        }
    }

    @Override
    public void println() {
        write('\n');
    }

    @Override
    public void flush() {
        synchronized (lock) {
            drain();
            super.flush();
        }
    }

    private void drain() {
        if (line.length() > 0) {
            String clean = scrubber.scrub(line.toString());
            line.setLength(0);
            super.write(clean, 0, clean.length());
        }
    }
}
