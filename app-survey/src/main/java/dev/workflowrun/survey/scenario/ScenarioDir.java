package dev.workflowrun.survey.scenario;

import java.nio.file.Path;

/** A scenario directory and the name the survey gives it (the directory's name unless overridden). */
public record ScenarioDir(String name, Path dir) {
}
