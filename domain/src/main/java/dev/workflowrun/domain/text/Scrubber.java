package dev.workflowrun.domain.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes secret values from text by value, whatever the text is: a log line, a captured object,
 * a summary. Each secret is replaced by {@code <secret NAME>} in the forms it takes on the way
 * out: as it is, escaped inside a JSON or YAML double-quoted string, and Base64-encoded (as a
 * Kubernetes Secret or a script would carry it). Values shorter than {@value #MIN_LENGTH}
 * characters are not scrubbed (they would turn every file into noise); such a value is refused
 * as a secret where it is declared.
 */
public final class Scrubber {

    public static final int MIN_LENGTH = 4;

    private static final Scrubber NONE = new Scrubber(Map.of());

    /** Each form of each secret, longest first (so a secret inside another is not cut in two), and its marker. */
    private final List<Map.Entry<String, String>> forms;
    private final Map<String, String> secrets;

    private Scrubber(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
        Map<String, String> all = new LinkedHashMap<>();
        secrets.forEach((name, value) -> {
            String marker = "<secret " + name + ">";
            all.putIfAbsent(value, marker);
            all.putIfAbsent(jsonEscaped(value), marker);
            all.putIfAbsent(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)), marker);
            all.putIfAbsent(Base64.getEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8)), marker);
        });
        List<Map.Entry<String, String>> sorted = new ArrayList<>(all.entrySet());
        sorted.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        this.forms = List.copyOf(sorted);
    }

    public static Scrubber none() {
        return NONE;
    }

    /** A scrubber for {@code secrets} (name to value); values under {@value #MIN_LENGTH} characters are left out. */
    public static Scrubber of(Map<String, String> secrets) {
        Map<String, String> kept = new LinkedHashMap<>();
        secrets.forEach((name, value) -> {
            if (value != null && value.length() >= MIN_LENGTH) {
                kept.put(name, value);
            }
        });
        return kept.isEmpty() ? NONE : new Scrubber(kept);
    }

    /** This scrubber and {@code more}. */
    public Scrubber and(Scrubber more) {
        if (more.secrets.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(secrets);
        all.putAll(more.secrets);
        return new Scrubber(all);
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    public String scrub(String text) {
        if (text == null || forms.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, String> form : forms) {
            if (out.contains(form.getKey())) {
                out = out.replace(form.getKey(), form.getValue());
            }
        }
        return out;
    }

    /** Scrubs UTF-8 bytes; bytes that are not text are scrubbed as text all the same (a secret is found whatever surrounds it). */
    public byte[] scrub(byte[] utf8) {
        if (forms.isEmpty()) {
            return utf8;
        }
        String text = new String(utf8, StandardCharsets.ISO_8859_1);
        String out = text;
        for (Map.Entry<String, String> form : forms) {
            String bytesOfForm = new String(form.getKey().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            if (out.contains(bytesOfForm)) {
                out = out.replace(bytesOfForm, new String(form.getValue().getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            }
        }
        return out == text ? utf8 : out.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String jsonEscaped(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
