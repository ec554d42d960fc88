package dev.workflowrun.survey.cli;

import dev.workflowrun.survey.migrate.CronJobMigrator;
import dev.workflowrun.survey.migrate.KustomizeOverlay;
import dev.workflowrun.survey.report.AtomicOutput;
import dev.workflowrun.survey.scenario.ScenarioDir;
import dev.workflowrun.survey.scenario.ScenarioDirs;
import dev.workflowrun.survey.scenario.SurveyInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Writes cronjob.typed.yaml for each scenario: its CronJob running `workflow-run run` with typed flags and --var "
                + "instead of the wrapper bash, preserving schedule, policies, service account and values.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every typed CronJob written", "2:bad input; nothing written", "3:could not write; nothing written",
                "64:usage error"})
final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "scenario directories, or directories of them")
    List<String> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "write <out>/<scenario>/cronjob.typed.yaml (default: next to each cronjob.yaml)")
    Path out;

    @Option(names = "--kustomize", paramLabel = "DIR", description = "instead, write a kustomize tree: <DIR>/base (deploy/'s "
            + "ServiceAccount, Role and CronJob) and <DIR>/overlays/<scenario>, a JSON patch of the base CronJob into each typed CronJob")
    Path kustomize;

    @Option(names = "--image", paramLabel = "IMAGE", defaultValue = CronJobMigrator.DEFAULT_IMAGE,
            description = "the workflow-run image (default: ${DEFAULT-VALUE})")
    String image;

    @Override
    public Integer call() {
        if (out != null && kustomize != null) {
            spec.commandLine().getErr().println("survey migrate: give --out (typed CronJobs) or --kustomize (base and overlays), not both");
            return SurveyCli.USAGE;
        }
        AtomicOutput output = new AtomicOutput();
        List<ScenarioDir> scenarios;
        try {
            scenarios = ScenarioDirs.discover(dirs);
            if (kustomize != null) {
                KustomizeOverlay.base().forEach((file, content) -> output.add(kustomize.resolve("base").resolve(file), content));
                for (ScenarioDir s : scenarios) {
                    KustomizeOverlay.overlay(s, image).forEach((file, content) ->
                            output.add(kustomize.resolve("overlays").resolve(s.name()).resolve(file), content));
                }
            } else {
                for (ScenarioDir s : scenarios) {
                    Path target = out == null ? s.dir().resolve(CronJobMigrator.FILE) : out.resolve(s.name()).resolve(CronJobMigrator.FILE);
                    output.add(target, CronJobMigrator.migrate(s, image));
                }
            }
        } catch (SurveyInputException e) {
            spec.commandLine().getErr().println("survey migrate: " + e.getMessage());
            return SurveyCli.INPUT;
        }
        try {
            output.commit();
        } catch (IOException e) {
            spec.commandLine().getErr().println("survey migrate: could not write (" + e.getMessage() + "); nothing was written");
            return SurveyCli.OUTPUT;
        }
        spec.commandLine().getOut().println("migrated " + scenarios.size() + " CronJob(s) to "
                + (kustomize == null ? CronJobMigrator.FILE : "kustomize overlays in " + kustomize));
        return SurveyCli.OK;
    }
}
