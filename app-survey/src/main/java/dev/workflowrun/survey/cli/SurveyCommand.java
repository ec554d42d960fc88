package dev.workflowrun.survey.cli;

import dev.workflowrun.survey.Survey;
import dev.workflowrun.survey.model.ScenarioFacts;
import dev.workflowrun.survey.model.SurveyModel;
import dev.workflowrun.survey.report.AdrWriter;
import dev.workflowrun.survey.report.AtomicOutput;
import dev.workflowrun.survey.report.HtmlReport;
import dev.workflowrun.survey.report.JsonReport;
import dev.workflowrun.survey.report.MarkdownReport;
import dev.workflowrun.survey.scenario.SurveyInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "survey", mixinStandardHelpOptions = true, versionProvider = SurveyVersion.class,
        description = {"Surveys the scenarios' wrapper bash (the N=3 checkpoint): recognises the seven operations, classifies every "
                + "knob, finds drift and SHA drift, diffs the wrappers and decides PROMOTE or KEEP.",
                "Writes checkpoint.md, survey.json and survey.html to --out, and with --adr the decision as an ADR."},
        subcommands = {MigrateCommand.class, GenerateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:outputs written; every wrapper parsed completely",
                "1:outputs written; at least one wrapper was only partially parsed (see checkpoint.md)",
                "2:bad input (missing or unreadable file, not YAML, duplicate scenario names); nothing written",
                "3:the outputs could not be written; nothing written",
                "64:usage error"})
final class SurveyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--scenarios", paramLabel = "DIR", description = "a directory of scenario directories (repeatable)")
    List<String> scenarios = new ArrayList<>();

    @Parameters(paramLabel = "DIR", arity = "0..*", description = "scenario directories (or NAME=DIR to rename one)")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "where to write checkpoint.md, survey.json, survey.html")
    Path out;

    @Option(names = "--adr", paramLabel = "DIR", description = "also write the decision as the next free-numbered ADR here "
            + "(rewrites the survey's own ADR if one exists)")
    Path adr;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        List<String> inputs = new ArrayList<>(scenarios);
        inputs.addAll(dirs);
        if (out == null) {
            err.println("missing --out DIR: where to write checkpoint.md, survey.json and survey.html");
            return SurveyCli.USAGE;
        }
        if (inputs.isEmpty()) {
            err.println("no scenarios given; pass --scenarios DIR (a directory of scenario directories) or scenario directories");
            return SurveyCli.USAGE;
        }
        SurveyModel model;
        try {
            model = Survey.of(inputs);
        } catch (SurveyInputException e) {
            err.println("survey: " + e.getMessage());
            return SurveyCli.INPUT;
        } catch (StackOverflowError e) {
            // The parser refuses deep wrappers first; this is the second line, so that no trace and no claim of outputs follows.
            err.println("survey: a wrapper is nested too deeply to read (the stack ran out); flatten it or leave that scenario out;"
                    + " nothing was written");
            return SurveyCli.INPUT;
        }
        // The three reports read the same immutable model and are written to their files as they are rendered: the page
        // (the longest to render) on another core while this thread writes the other two, each exactly as it would be alone.
        SurveyModel surveyed = model;
        AtomicOutput output = new AtomicOutput()
                .add(out.resolve("checkpoint.md"), w -> MarkdownReport.write(surveyed, w))
                .add(out.resolve("survey.json"), w -> JsonReport.write(surveyed, w))
                .addConcurrently(out.resolve("survey.html"), w -> HtmlReport.write(surveyed, w));
        Path adrFile = null;
        try {
            if (adr != null) {
                adrFile = AdrWriter.target(adr);
                output.add(adrFile, AdrWriter.render(model, adrFile, out));
            }
            output.commit();
        } catch (IOException | UncheckedIOException e) {
            err.println("survey: could not write the outputs to " + out + " (" + e.getMessage() + "); nothing was written");
            return SurveyCli.OUTPUT;
        }
        for (ScenarioFacts s : model.scenarios()) {
            s.problems().forEach(p -> err.println("survey: " + s.name() + ": partial: " + p));
        }
        stdout.println("surveyed " + model.scenarios().size() + " scenario(s): " + model.decision().verdict()
                + (model.decision().premature() ? " (premature)" : "") + "; wrote " + out.resolve("checkpoint.md")
                + (adrFile == null ? "" : " and " + adrFile));
        return model.scenarios().stream().anyMatch(ScenarioFacts::partial) ? SurveyCli.PARTIAL : SurveyCli.OK;
    }
}
