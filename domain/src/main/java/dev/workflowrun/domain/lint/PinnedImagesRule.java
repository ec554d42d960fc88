package dev.workflowrun.domain.lint;

import dev.workflowrun.domain.manifest.LintContext;
import dev.workflowrun.domain.manifest.LintFinding;
import dev.workflowrun.domain.manifest.ManifestCheck;
import dev.workflowrun.domain.manifest.WorkflowTemplate;
import dev.workflowrun.domain.variables.ImageRef;
import dev.workflowrun.domain.variables.Pinning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Task images name an exact build: a digest always passes; a tag other than {@code latest} passes
 * with a warning that it is mutable under {@code --pinned=tag} and is an error under
 * {@code --pinned=digest}; no tag or {@code latest} is always an error.
 */
public final class PinnedImagesRule implements ManifestCheck {

    static final String RULE = "pinned-images";

    private final Pinning pinning;

    public PinnedImagesRule() {
        this(Pinning.TAG);
    }

    public PinnedImagesRule(Pinning pinning) {
        this.pinning = Objects.requireNonNull(pinning, "pinning");
    }

    @Override
    public List<LintFinding> check(LintContext context) {
        // One finding per image, naming every template that uses it: a scenario reuses its task image in most templates.
        Map<String, List<String>> templatesByImage = new LinkedHashMap<>();
        context.manifest().workflowSpec().ifPresent(spec -> {
            for (WorkflowTemplate t : spec.templates()) {
                for (String image : t.images()) {
                    templatesByImage.computeIfAbsent(image, i -> new ArrayList<>()).add(t.name());
                }
            }
        });
        List<LintFinding> findings = new ArrayList<>();
        templatesByImage.forEach((image, templates) -> finding(templates, image).ifPresent(findings::add));
        return findings;
    }

    private Optional<LintFinding> finding(List<String> templates, String image) {
        String template = String.join("', '", templates);
        ImageRef ref;
        try {
            ref = ImageRef.parse(image);
        } catch (IllegalArgumentException e) {
            return Optional.of(LintFinding.error(RULE, (templates.size() == 1 ? "template '" : "templates '") + template
                    + (templates.size() == 1 ? "' uses" : "' use") + " an invalid image: " + e.getMessage()));
        }
        String uses = (templates.size() == 1 ? "template '" : "templates '") + template + (templates.size() == 1 ? "' uses" : "' use")
                + " image '" + image + "'";
        return switch (pinning.judge(ref)) {
            case PINNED -> Optional.empty();
            case MUTABLE -> Optional.of(LintFinding.warning(RULE, uses + " by the mutable tag '" + ref.tag().orElseThrow()
                    + "'; a tag can be pushed again, pin a digest (" + ref.named() + "@sha256:<64 hex>) to be sure what runs"));
            case REFUSED -> Optional.of(LintFinding.error(RULE, ref.tag().isPresent() && !ref.tag().get().equals("latest")
                    ? uses + " by the tag '" + ref.tag().get() + "', and --pinned=" + pinning.flagValue()
                            + " needs a digest; pin it as image@sha256:<64 hex>"
                    : uses + " without a tag or with :latest; pin it to a commit tag or a digest"));
        };
    }
}
