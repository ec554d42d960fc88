package dev.workflowrun.survey.model;

/**
 * What one scenario sets a knob to, and where.
 *
 * @param file  the file the value comes from ({@code wrapper.sh}, {@code workflow.yaml}, {@code cronjob.yaml})
 * @param line  the 1-based line, or 0 when the value is a property of the whole file
 * @param yagni     why this value is never needed by the scenario, or "" when it is
 * @param atDefault the wrapper's own default, never changed by the CronJob (a knob nobody turns)
 */
public record KnobValue(String value, String file, int line, String yagni, boolean atDefault) {

    public KnobValue {
        value = Strings.shared(value);
    }

    public static KnobValue of(String value, String file, int line) {
        return new KnobValue(value, file, line, "", false);
    }

    public KnobValue yagni(String why) {
        return new KnobValue(value, file, line, why, atDefault);
    }

    public KnobValue leftAtDefault() {
        return new KnobValue(value, file, line, yagni, true);
    }

    public boolean isYagni() {
        return !yagni.isEmpty();
    }

    public String at() {
        return line > 0 ? file + ":" + line : file;
    }
}
