package dev.workflowrun.runner;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every flag's default can come from the environment, as {@code WORKFLOW_RUN_<FLAG>} (e.g.
 * {@code --log-format} from {@code WORKFLOW_RUN_LOG_FORMAT}, {@code -n/--namespace} from
 * {@code WORKFLOW_RUN_NAMESPACE}); a flag on the command line wins. {@code --help} names the
 * variable under each flag.
 */
public final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    public static final String PREFIX = "WORKFLOW_RUN_";

    private final Map<String, String> environment;

    public EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The variable that gives a flag's default, or empty for help, version and positional arguments. */
    public static Optional<String> variableFor(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return Optional.empty();
        }
        String name = option.longestName().replaceFirst("^-+", "");
        return Optional.of(PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return variableFor(arg).map(environment::get).filter(EnvironmentDefaults::givesADefault).orElse(null);
    }

    /** Whether any variable in this environment gives a flag its default (and so shows in the help). */
    public static boolean anyGiven(Map<String, String> environment) {
        return environment.entrySet().stream().anyMatch(e -> e.getKey().startsWith(PREFIX) && givesADefault(e.getValue()));
    }

    /** An empty variable gives no default: the flag's own applies. */
    private static boolean givesADefault(String value) {
        return value != null && !value.isEmpty();
    }

    /** Installs the defaults on a command and its subcommands, and names each variable in their help. */
    public void install(CommandLine root) {
        root.setDefaultValueProvider(this);
        document(root);
    }

    private static void document(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        List<OptionSpec> options = new ArrayList<>(spec.options());
        for (OptionSpec option : options) {
            Optional<String> variable = variableFor(option);
            if (variable.isEmpty() || option.hidden()) {
                continue;
            }
            List<String> description = new ArrayList<>(List.of(option.description()));
            description.add("Env: " + variable.get() + ".");
            spec.remove(option);
            spec.addOption(option.toBuilder().description(description.toArray(String[]::new)).build());
        }
        cmd.getSubcommands().values().forEach(EnvironmentDefaults::document);
    }
}
