package dev.workflowrun.survey.report;

import dev.workflowrun.survey.model.Decision;
import dev.workflowrun.survey.model.Finding;
import dev.workflowrun.survey.model.SurveyModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The decision as an ADR. The file carries {@link #MARKER}; a later run rewrites that file in place
 * instead of adding another, so re-running reproduces it byte for byte.
 */
public final class AdrWriter {

    public static final String MARKER = "<!-- survey-decision: written by `survey --adr`; re-running the survey rewrites this file -->";
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{4})-.*\\.md$");

    private AdrWriter() {
    }

    /** The file the ADR goes to: the one already carrying the marker, else the next free number. */
    public static Path target(Path adrDir) {
        if (!Files.isDirectory(adrDir)) {
            return adrDir.resolve("0001-" + slug());
        }
        int max = 0;
        try (Stream<Path> files = Files.list(adrDir)) {
            for (Path p : files.sorted().toList()) {
                Matcher m = NUMBERED.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                if (Files.readString(p).contains(MARKER)) {
                    return p;
                }
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the ADR directory " + adrDir + ": " + e.getMessage(), e);
        }
        return adrDir.resolve(String.format("%04d-%s", max + 1, slug()));
    }

    private static String slug() {
        return "wrapper-survey-decision.md";
    }

    public static String render(SurveyModel m, Path adrFile, Path outDir) {
        Decision d = m.decision();
        String number = adrFile.getFileName().toString().substring(0, 4);
        Path rel = adrFile.toAbsolutePath().normalize().getParent().relativize(outDir.toAbsolutePath().normalize());
        String link = rel.toString().replace('\\', '/');
        link = link.isEmpty() ? "" : link + "/";
        StringBuilder o = new StringBuilder();
        o.append("# ").append(Integer.parseInt(number)).append(". ").append(d.verdict() == Decision.Verdict.PROMOTE
                ? "Promote the per-scenario wrapper bash to a typed `workflow-run`" : "Keep the per-scenario wrapper bash").append("\n\n");
        o.append(MARKER).append("\n\n");
        o.append("- Status: Proposed\n- Evidence: [checkpoint.md](").append(link).append("checkpoint.md), [survey.json](").append(link)
                .append("survey.json), [survey.html](").append(link).append("survey.html)\n\n");
        o.append("## Context\n\n");
        o.append("Each Workflow-based scenario (").append(String.join(", ", m.names())).append(") runs from a CronJob whose wrapper bash "
                + "performs the same seven operations. The seed asked to survey the wrappers at N=3 before promoting them. The survey parsed "
                + "each wrapper with the bash grammar, read every command by its effect (what it touches and how), and classified ")
                .append(m.knobs().size()).append(" knobs:\n\n");
        for (var c : dev.workflowrun.survey.model.KnobClass.values()) {
            long n = m.knobs().stream().filter(k -> k.knobClass() == c).count();
            o.append("- ").append(c.label()).append(": ").append(n).append("\n");
        }
        o.append("\nIt found ").append(m.drift().size()).append(" drift finding(s) and ").append(m.shaDrift().size())
                .append(" SHA-drift finding(s):\n\n");
        for (Finding f : concat(m.drift(), m.shaDrift())) {
            o.append("- `").append(f.id()).append("` (").append(String.join(", ", f.scenarios())).append("): ").append(f.title()).append("\n");
        }
        o.append("\n## Decision\n\n**").append(d.verdict()).append("**").append(d.premature() ? " (the checkpoint is premature)" : "")
                .append(", confidence ").append(d.confidence().level()).append(" (").append(d.confidence().why())
                .append("). The rules and the evidence behind each:\n\n");
        for (Decision.Reason r : d.reasons()) {
            o.append("- ").append(r.rule()).append(" (").append(r.forPromote() ? "promote" : "keep").append("): ").append(r.text()).append("\n");
            if (!r.forPromote()) {
                r.evidence().forEach(e -> o.append("  - ").append(e).append("\n"));
            }
        }
        d.confidence().notUnderstood().forEach(e -> o.append("- not understood: ").append(e).append("\n"));
        if (d.verdict() == Decision.Verdict.PROMOTE) {
            o.append("\nThe typed interface exposes:\n\n");
            d.flags().forEach(f -> o.append("- ").append(f).append("\n"));
            o.append("\nIt does not expose: ").append(String.join(", ", d.notExposed().stream().map(s -> s.replaceAll(" \\(.*", "")).toList()))
                    .append(".\n");
        }
        o.append("\n## Consequences\n\n");
        if (d.verdict() == Decision.Verdict.PROMOTE) {
            o.append("- All ").append(m.names().size()).append(" scenarios migrate in one change: each CronJob runs `workflow-run run` with "
                    + "typed flags (`cronjob.typed.yaml`, written by `survey migrate`), preserving schedule, policies, service account and values.\n");
            o.append("- The drift findings disappear by construction: capture before delete, cleanup and publish on every path, a one-shot "
                    + "overrun warning, outcome from Task pod exit codes, one log format, one deadline rule.\n");
            o.append("- SHA drift becomes a refusal before apply (`--expect-ref-image`), replacing review-bot vigilance.\n");
            o.append("- Values derived in bash (e.g. a commit parsed from an image tag) move into the CronJob's values; a new derivation "
                    + "needs a change to the CronJob, not to a wrapper.\n");
            o.append("- Risk: a future scenario that needs a bespoke step must add it as a Task in its Workflow; re-run the survey when "
                    + "adding a scenario (a bespoke step flips this decision to KEEP).\n");
        } else {
            o.append("- Each scenario keeps its wrapper; the variance is documented in the write-up.\n");
            o.append("- The drift findings stay open and must be fixed in each wrapper by hand.\n");
            o.append("- Re-run the survey when the KEEP reasons are gone.\n");
        }
        return o.toString();
    }

    private static List<Finding> concat(List<Finding> a, List<Finding> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    static Optional<String> existing(Path p) {
        try {
            return Files.exists(p) ? Optional.of(Files.readString(p)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
