package dev.workflowrun.runner.secrets;

import dev.workflowrun.domain.artifacts.Attempt;
import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.Content;
import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.artifacts.PublishedBundle;
import dev.workflowrun.domain.artifacts.RunBundle;
import dev.workflowrun.domain.text.Scrubber;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A store that publishes every file scrubbed of the secrets only the application knows (the git
 * token); the run already scrubs the secret-typed variables. A last line of defence: whatever file
 * a secret could reach, it does not leave the process.
 */
public final class ScrubbingStore implements PublishArtifactsPort {

    private final PublishArtifactsPort store;
    private final Scrubber scrubber;

    private ScrubbingStore(PublishArtifactsPort store, Scrubber scrubber) {
        this.store = store;
        this.scrubber = scrubber;
    }

    public static PublishArtifactsPort wrap(PublishArtifactsPort store, Scrubber scrubber) {
        return scrubber.isEmpty() ? store : new ScrubbingStore(store, scrubber);
    }

    @Override
    public PublishedBundle publish(BundleLocation location, RunBundle bundle) {
        RunBundle.Builder clean = RunBundle.builder();
        String summary = "";
        for (BundleFile file : bundle.files()) {
            byte[] bytes = scrubber.scrub(read(file));
            if (file.name().equals(RunBundle.SUMMARY)) {
                summary = new String(bytes, StandardCharsets.UTF_8);
            } else {
                clean.add(new BundleFile(file.name(), file.contentType(), Content.ofBytes(bytes)));
            }
        }
        return store.publish(location, clean.build(summary));
    }

    @Override
    public List<Attempt> attempts(BundleLocation run) {
        return store.attempts(run);
    }

    @Override
    public String toString() {
        return store.toString();
    }

    private static byte[] read(BundleFile file) {
        try (InputStream in = file.content().open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
