package dev.workflowrun.domain.artifacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one run, with {@code run.json} always last: stores write in this order, so the
 * presence of {@code run.json} means the bundle is complete.
 */
public final class RunBundle {

    public static final String SUMMARY = "run.json";

    private final List<BundleFile> files;

    private RunBundle(List<BundleFile> files) {
        this.files = List.copyOf(files);
    }

    /** The files in write order; the last one is {@link #SUMMARY}. */
    public List<BundleFile> files() {
        return files;
    }

    public long totalBytes() {
        return files.stream().mapToLong(f -> f.content().size()).sum();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private final Map<String, BundleFile> files = new LinkedHashMap<>();

        /** Adds a file; a later file of the same name replaces the earlier one. */
        public Builder add(BundleFile file) {
            if (file.name().equals(SUMMARY)) {
                throw new IllegalArgumentException(SUMMARY + " is added by build(), last");
            }
            files.remove(file.name());
            files.put(file.name(), file);
            return this;
        }

        /** The names of the files added so far, in order. */
        public List<String> names() {
            return List.copyOf(files.keySet());
        }

        public Builder addAll(List<BundleFile> more) {
            more.forEach(this::add);
            return this;
        }

        public RunBundle build(String summaryJson) {
            List<BundleFile> ordered = new ArrayList<>(files.values());
            ordered.add(BundleFile.json(SUMMARY, summaryJson));
            return new RunBundle(ordered);
        }
    }
}
