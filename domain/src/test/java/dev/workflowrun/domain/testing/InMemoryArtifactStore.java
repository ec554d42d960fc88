package dev.workflowrun.domain.testing;

import dev.workflowrun.domain.artifacts.AlreadyPublished;
import dev.workflowrun.domain.artifacts.Attempt;
import java.util.Optional;
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
    private Error crash;
    private boolean unlisted;
    private int attempts;

    public InMemoryArtifactStore(String name) {
        this.name = name;
    }

    /** Lists no attempts (as if another writer's came after the listing); publishing still refuses to overwrite. */
    public InMemoryArtifactStore unlisted() {
        this.unlisted = true;
        return this;
    }

    public InMemoryArtifactStore failing() {
        this.failing = true;
        return this;
    }

    /** Its client throws {@code error} on the upload, as a library missing a class or out of memory would. */
    public InMemoryArtifactStore crashingWith(Error error) {
        this.crash = error;
        return this;
    }

    @Override
    public PublishedBundle publish(BundleLocation location, RunBundle bundle) {
        attempts++;
        if (crash != null) {
            throw crash;
        }
        if (failing) {
            throw new PublishException(name + " is unavailable (503 SlowDown)");
        }
        long bytes = 0;
        for (BundleFile f : bundle.files()) {
            if (objects.containsKey(location.key(f))) {
                throw new AlreadyPublished(name + " already holds " + location.key(f));
            }
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

    /** Attempts as a store lists them: the attempt-N/ folders under the run's prefix, with run.json's outcome. */
    @Override
    public List<Attempt> attempts(BundleLocation run) {
        if (failing) {
            throw new PublishException(name + " is unavailable (503 SlowDown)");
        }
        if (unlisted) {
            return List.of();
        }
        java.util.TreeMap<Integer, Optional<String>> found = new java.util.TreeMap<>();
        for (Map.Entry<String, String> o : objects.entrySet()) {
            if (!o.getKey().startsWith(run.prefix())) {
                continue;
            }
            String rest = o.getKey().substring(run.prefix().length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                continue;
            }
            Optional<Integer> number = Attempt.numberOf(rest.substring(0, slash));
            if (number.isEmpty()) {
                continue;
            }
            Optional<String> outcome = rest.substring(slash + 1).equals("run.json")
                    ? java.util.regex.Pattern.compile("\"outcome\"\\s*:\\s*\"([A-Z_]+)\"").matcher(o.getValue()).results()
                    .map(m -> m.group(1)).findFirst()
                    : Optional.empty();
            found.merge(number.get(), outcome, (a, b) -> a.isPresent() ? a : b);
        }
        return found.entrySet().stream().map(e -> new Attempt(e.getKey(), e.getValue())).toList();
    }

    /** Puts an object there, as an earlier attempt or another writer would have. */
    public InMemoryArtifactStore holding(String key, String text) {
        objects.put(key, text);
        return this;
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
