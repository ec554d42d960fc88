package dev.workflowrun.domain.testing;

import dev.workflowrun.domain.artifacts.BundleFile;
import dev.workflowrun.domain.artifacts.BundleLocation;
import dev.workflowrun.domain.artifacts.PublishArtifactsPort;
import dev.workflowrun.domain.artifacts.PublishException;
import dev.workflowrun.domain.artifacts.PublishedBundle;
import dev.workflowrun.domain.artifacts.RunBundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps published files in memory, in the order written; can be told to fail. */
public final class InMemoryArtifactStore implements PublishArtifactsPort {

    private final String name;
    private final Map<String, String> objects = new LinkedHashMap<>();
    private final List<String> writeOrder = new ArrayList<>();
    private boolean failing;
    private int attempts;

    public InMemoryArtifactStore(String name) {
        this.name = name;
    }

    public InMemoryArtifactStore failing() {
        this.failing = true;
        return this;
    }

    @Override
    public PublishedBundle publish(BundleLocation location, RunBundle bundle) {
        attempts++;
        if (failing) {
            throw new PublishException(name + " is unavailable (503 SlowDown)");
        }
        long bytes = 0;
        for (BundleFile f : bundle.files()) {
            try (InputStream in = f.content().open()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                objects.put(location.key(f), text);
                writeOrder.add(location.key(f));
                bytes += f.content().size();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new PublishedBundle(name + "://" + location.prefix(), bundle.files().size(), bytes);
    }

    public Map<String, String> objects() {
        return objects;
    }

    public List<String> writeOrder() {
        return writeOrder;
    }

    public int attempts() {
        return attempts;
    }
}
