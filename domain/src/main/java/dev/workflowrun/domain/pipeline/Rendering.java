package dev.workflowrun.domain.pipeline;

import dev.workflowrun.domain.manifest.ParsedManifest;
import dev.workflowrun.domain.render.RenderedManifest;

/** A rendered scenario and the manifest read from it. */
public record Rendering(RenderedManifest manifest, ParsedManifest parsed) {
}
