package dev.workflowrun.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container logs the mock API server serves at {@code GET /api/v1/namespaces/<ns>/pods/<pod>/log},
 * honouring {@code container}, {@code tailLines} and {@code limitBytes} as the real API server does
 * (the tail is taken first, then cut at the byte limit). A container that has not started answers
 * 400 with the real message, {@code container "c" in pod "p" is waiting to start: <reason>}.
 */
public final class PodLogs {

    private final Map<String, List<String>> lines = new ConcurrentHashMap<>();
    private final Map<String, String> waiting = new ConcurrentHashMap<>();

    /** Appends lines to a container's log. */
    public void append(String namespace, String pod, String container, List<String> newLines) {
        waiting.remove(key(namespace, pod, container));
        lines.computeIfAbsent(key(namespace, pod, container), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .addAll(newLines);
    }

    /** Marks a container as never started: its log cannot be read. */
    public void waiting(String namespace, String pod, String container, String reason) {
        waiting.put(key(namespace, pod, container), reason);
    }

    /** The whole log of a container, as written so far. */
    public List<String> all(String namespace, String pod, String container) {
        List<String> l = lines.get(key(namespace, pod, container));
        if (l == null) {
            return List.of();
        }
        synchronized (l) {
            return List.copyOf(l);
        }
    }

    /** HTTP status and body for a log request, as the API server would answer it. */
    Response respond(String namespace, String pod, Optional<String> container, Optional<Integer> tailLines, Optional<Long> limitBytes) {
        String c = container.orElseGet(() -> lines.keySet().stream()
                .filter(k -> k.startsWith(namespace + "/" + pod + "/"))
                .map(k -> k.substring(k.lastIndexOf('/') + 1))
                .findFirst().orElse(""));
        String reason = waiting.get(key(namespace, pod, c));
        if (reason != null) {
            return new Response(400, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"container \\\"" + c
                    + "\\\" in pod \\\"" + pod + "\\\" is waiting to start: " + reason + "\",\"reason\":\"BadRequest\",\"code\":400}");
        }
        List<String> all = all(namespace, pod, c);
        int from = tailLines.map(n -> Math.max(0, all.size() - n)).orElse(0);
        StringBuilder sb = new StringBuilder();
        for (String line : all.subList(from, all.size())) {
            sb.append(line).append('\n');
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (limitBytes.isPresent() && bytes.length > limitBytes.get()) {
            bytes = java.util.Arrays.copyOf(bytes, (int) (long) limitBytes.get());
        }
        return new Response(200, new String(bytes, StandardCharsets.UTF_8));
    }

    record Response(int code, String body) {
    }

    private static String key(String namespace, String pod, String container) {
        return namespace + "/" + pod + "/" + container;
    }
}
