package dev.workflowrun.domain.cluster;

import java.util.Map;
import java.util.TreeMap;

/** API requests made, by {@code "VERB resource"}, e.g. {@code "GET workflows"}. */
public record ApiRequestCounts(Map<String, Long> byVerbAndResource) {

    public static final ApiRequestCounts NONE = new ApiRequestCounts(Map.of());

    public ApiRequestCounts {
        byVerbAndResource = Map.copyOf(new TreeMap<>(byVerbAndResource));
    }

    public long total() {
        return byVerbAndResource.values().stream().mapToLong(Long::longValue).sum();
    }
}
