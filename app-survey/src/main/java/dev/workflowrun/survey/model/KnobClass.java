package dev.workflowrun.survey.model;

/** How a knob varies across the surveyed scenarios, and so what the typed runner does with it. */
public enum KnobClass {
    UNIVERSAL_CONSTANT("universal-constant", "same everywhere: a default in the typed runner"),
    UNIVERSAL_VARYING("universal-varying", "present everywhere, values differ: a typed flag"),
    SCENARIO_INTRINSIC("scenario-intrinsic", "only some scenarios: a --var or the scenario file"),
    YAGNI("yagni", "declared, exported or allow-listed but never used, or always left at its default"),
    DRIFT("drift", "same intent implemented differently: removed by the typed runner");

    private final String label;
    private final String meaning;

    KnobClass(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    public String label() {
        return label;
    }

    public String meaning() {
        return meaning;
    }
}
