package dev.workflowrun.domain.drift;

import dev.workflowrun.domain.variables.ImageRef;

import java.util.Optional;

/**
 * {@code --expect-live-image=VAR=deployment/<ns>/<name>[/<container>]}: the image in VAR carries
 * the same tag (or digest) as the running Deployment, e.g. the controller-manager, so task images
 * and controller come from one commit.
 */
public record LiveImageRule(String variable, DeploymentRef deployment) implements DriftRule {

    @Override
    public java.util.Optional<String> checkedVariable() {
        return java.util.Optional.of(variable);
    }

    @Override
    public String name() {
        return "expect-live-image " + variable + "=" + deployment;
    }

    @Override
    public DriftFinding check(DriftContext context) {
        String value = context.variables().value(variable).orElseThrow(() -> new IllegalArgumentException(
                "variable " + variable + " has no value; the rule needs it"));
        ImageRef wanted = ImageRef.parse(value);
        if (context.live().isEmpty()) {
            return DriftFinding.skipped(name(), "no cluster to read " + deployment + " from");
        }
        Optional<ImageRef> live = context.live().get().image(deployment);
        if (live.isEmpty()) {
            return DriftFinding.broken(name(), "a running " + deployment, "no such Deployment or container",
                    "check the namespace, name and container of --expect-live-image");
        }
        String liveVersion = version(live.get());
        String wantedVersion = version(wanted);
        if (liveVersion.equals(wantedVersion)) {
            return DriftFinding.holds(name(), liveVersion, wantedVersion);
        }
        return DriftFinding.broken(name(), liveVersion + " (running " + live.get() + ")", wantedVersion + " (" + variable + "=" + value + ")",
                "use " + variable + " built from the same commit as the running controller, or roll the controller first");
    }

    private static String version(ImageRef image) {
        return image.digest().orElse(image.tag().orElse("latest"));
    }
}
