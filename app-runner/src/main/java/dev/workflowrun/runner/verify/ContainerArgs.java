package dev.workflowrun.runner.verify;

import dev.workflowrun.runner.flags.ScenarioOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a {@code workflow-run} container, parsed with the very options {@code run}
 * declares; options that do not matter at build time (store, cluster, output) are passed over.
 */
@Command(name = "run")
final class ContainerArgs {

    @Mixin
    ScenarioOptions scenario = new ScenarioOptions();

    @Unmatched
    List<String> otherArguments = new ArrayList<>();
}
