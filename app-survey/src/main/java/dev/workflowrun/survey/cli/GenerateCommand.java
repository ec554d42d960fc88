package dev.workflowrun.survey.cli;

import dev.workflowrun.survey.scenario.SyntheticScenarios;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Hidden: writes N synthetic scenarios, to time the survey at N=300. */
@Command(name = "generate", hidden = true, description = "Writes N synthetic scenario directories into DIR.")
final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "N")
    int count;

    @Parameters(index = "1", paramLabel = "DIR")
    Path into;

    @Override
    public Integer call() {
        try {
            SyntheticScenarios.generate(into, count);
        } catch (IOException e) {
            spec.commandLine().getErr().println("survey generate: cannot write into " + into + " (" + e.getMessage() + ")");
            return SurveyCli.OUTPUT;
        }
        spec.commandLine().getOut().println("generated " + count + " scenario(s) in " + into);
        return SurveyCli.OK;
    }
}
