package dev.workflowrun.runner.flags;

import dev.workflowrun.domain.variables.Pinning;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --pinned}: how exact an image reference (and, with {@code --require-pinned-ref}, the scenario ref) must be. */
public final class PinningFlag {

    @Option(names = "--pinned", paramLabel = "tag|digest", order = 44, defaultValue = "tag", converter = PinningFlag.Values.class,
            description = "How exact images must be (lint's pinned-images rule, verify) and, with --require-pinned-ref, the scenario ref."
                    + " digest: only image@sha256:<64 hex> (and a commit SHA); tag: a tag is accepted with a warning that it can be"
                    + " pushed again (and refs/tags/<name> as the ref). No tag or :latest is always refused. Default: ${DEFAULT-VALUE}.")
    Pinning pinning = Pinning.TAG;

    public Pinning pinning() {
        return pinning;
    }

    /** {@code tag} or {@code digest}, in any case: also where the arguments are read without the application's parser (verify). */
    public static final class Values implements CommandLine.ITypeConverter<Pinning> {
        @Override
        public Pinning convert(String value) {
            for (Pinning p : Pinning.values()) {
                if (p.flagValue().equalsIgnoreCase(value.trim())) {
                    return p;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not tag or digest");
        }
    }
}
