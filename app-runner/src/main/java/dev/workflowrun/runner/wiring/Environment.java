package dev.workflowrun.runner.wiring;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the process finds around it: environment variables, the namespace it runs in, the clock
 * and the working directory. Bound once into the component, so tests can give their own.
 */
public record Environment(Map<String, String> variables, Supplier<Optional<String>> namespaceLookup, Clock clock, Path workingDirectory) {

    public Environment {
        variables = Map.copyOf(variables);
    }

    public Optional<String> currentNamespace() {
        return namespaceLookup.get();
    }

    /** The same environment with another way to find the current namespace (e.g. from an explicit --kubeconfig). */
    public Environment withNamespaceLookup(Supplier<Optional<String>> lookup) {
        return new Environment(variables, lookup, clock, workingDirectory);
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }
}
