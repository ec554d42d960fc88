package dev.workflowrun.testkit;

import java.time.Instant;

/**
 * One request as the {@link MockCluster} received it: when it arrived, its method and path (query
 * included), and the client's {@code User-Agent}, which tells one client's requests from another's
 * (the simulator, the garbage collector and the code under test share the server).
 */
public record ReceivedRequest(Instant at, String method, String path, String userAgent) {

    /** Whether this is a watch ({@code watch=true} in the query) rather than a one-shot request. */
    public boolean isWatch() {
        return path.contains("watch=true");
    }

    /** {@code METHOD path}, with a watch marked as such: how a test prints what a client asked. */
    @Override
    public String toString() {
        return (isWatch() ? "WATCH " : method + " ") + path;
    }
}
