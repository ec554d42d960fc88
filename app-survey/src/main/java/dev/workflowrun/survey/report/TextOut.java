package dev.workflowrun.survey.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * What the reports append to: a {@link Writer} with {@link StringBuilder}'s appends. A failure to write is unchecked here, so
 * that a renderer can append from a lambda, and checked again by {@link #write}.
 */
final class TextOut {

    /** A report's text, appended piece by piece. */
    interface Body {
        void appendTo(TextOut o);
    }

    private final Writer w;

    private TextOut(Writer w) {
        this.w = w;
    }

    /** Appends the body to the writer as it is rendered; nothing is held whole. */
    static void write(Writer w, Body body) throws IOException {
        try {
            body.appendTo(new TextOut(w));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The body as one string, for tests and small reports. */
    static String render(Body body) {
        StringWriter s = new StringWriter();
        body.appendTo(new TextOut(s));
        return s.toString();
    }

    TextOut append(String s) {
        try {
            w.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TextOut append(char c) {
        try {
            w.append(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    TextOut append(long n) {
        return append(String.valueOf(n));
    }

    TextOut append(Object o) {
        return append(String.valueOf(o));
    }
}
