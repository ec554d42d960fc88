package dev.workflowrun.proof.faults;

import dev.workflowrun.testkit.MockCluster;
import io.fabric8.mockwebserver.DefaultMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Puts itself in front of a {@link MockCluster}'s request dispatcher to inject API faults by
 * request (method and path pattern, the n-th match on), to run a hook when a request arrives, and
 * to record every request so a test can say what the runner did to the cluster.
 *
 * <p>The mock's own expectations match one exact path and query, which a watch's changing
 * resourceVersion defeats; this matches by pattern. It reaches the dispatcher by reflection because
 * the testkit offers no interception hook.
 */
public final class ApiFaults extends Dispatcher {

    /** One request as the server saw it. */
    public record Seen(String method, String path) {
        public boolean mutates() {
            return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final Dispatcher delegate;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private ApiFaults(Dispatcher delegate) {
        this.delegate = delegate;
    }

    /** Installs an interceptor in front of {@code cluster}'s dispatcher. */
    public static ApiFaults install(MockCluster cluster) {
        try {
            Field serverField = DefaultMockServer.class.getDeclaredField("server");
            serverField.setAccessible(true);
            MockWebServer web = (MockWebServer) serverField.get(cluster.server());
            Field dispatcherField = MockWebServer.class.getDeclaredField("dispatcher");
            dispatcherField.setAccessible(true);
            ApiFaults faults = new ApiFaults((Dispatcher) dispatcherField.get(web));
            web.setDispatcher(faults);
            return faults;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach the mock server's dispatcher; the fabric8 mockwebserver changed", e);
        }
    }

    /** Matches requests by method and a regular expression found in the path (query included). */
    public static Predicate<RecordedRequest> request(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return r -> r.getMethod().equalsIgnoreCase(method) && p.matcher(r.getPath()).find();
    }

    /** A watch request (HTTP GET with {@code watch=true}). */
    public static Predicate<RecordedRequest> watch(String pathRegex) {
        return request("GET", pathRegex).and(r -> r.getPath().contains("watch=true"));
    }

    /** A plain GET or LIST (not a watch). */
    public static Predicate<RecordedRequest> read(String pathRegex) {
        return request("GET", pathRegex).and(r -> !r.getPath().contains("watch=true"));
    }

    /** Answers the matching requests {@code times} times with what {@code response} makes, after skipping {@code skip} matches. */
    public ApiFaults fail(Predicate<RecordedRequest> matches, int skip, int times, Supplier<MockResponse> response) {
        rules.add(new Rule(matches, skip, times, r -> response.get()));
        return this;
    }

    /** Runs {@code hook} (on the server's thread) the first time a request matches, then serves it normally. */
    public ApiFaults onFirst(Predicate<RecordedRequest> matches, Runnable hook) {
        rules.add(new Rule(matches, 0, 1, r -> {
            hook.run();
            return null;
        }));
        return this;
    }

    /** How many times the rules fired. */
    public int fired() {
        return rules.stream().mapToInt(r -> r.fired.get()).sum();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Writes the runner could have made: the testkit's own set-up (the simulated Chaos Mesh's Deployment in its namespace) is not one. */
    public List<Seen> mutations() {
        return seen.stream().filter(Seen::mutates).filter(s -> !s.path().contains("/namespaces/chaos-mesh/")).toList();
    }

    public static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"" + message
                        + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}");
    }

    public static MockResponse serverError(int code) {
        return status(code, code == 503 ? "ServiceUnavailable" : "InternalError", "injected " + code);
    }

    /** 429 with both the header and the Status detail a real API server sends. */
    public static MockResponse tooManyRequests(int retryAfterSeconds) {
        return new MockResponse().setResponseCode(429).setHeader("Content-Type", "application/json")
                .setHeader("Retry-After", Integer.toString(retryAfterSeconds))
                .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"injected: too many requests\","
                        + "\"reason\":\"TooManyRequests\",\"details\":{\"retryAfterSeconds\":" + retryAfterSeconds + "},\"code\":429}");
    }

    /**
     * What a real API server answers a watch whose resourceVersion was compacted away: the stream
     * opens, then its first event is an {@code ERROR} carrying a 410 Gone Status.
     */
    public static MockResponse goneEvent() {
        String event = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"too old resource version: 1 (injected)\",\"reason\":\"Expired\",\"code\":410}}";
        return new MockResponse().withWebSocketUpgrade(new io.fabric8.mockwebserver.http.WebSocketListener() {
            @Override
            public void onOpen(io.fabric8.mockwebserver.http.WebSocket ws, io.fabric8.mockwebserver.http.Response response) {
                ws.send(event);
            }
        });
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        seen.add(new Seen(request.getMethod().toUpperCase(Locale.ROOT), request.getPath()));
        // A rule may read the body (getUtf8Body consumes it): each rule sees it whole, and so does the server after them.
        byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
        for (Rule rule : rules) {
            boolean matches = rule.matches.test(request);
            if (body.length > 0 && request.getBody().size() == 0) {
                request.getBody().write(body);
            }
            if (matches) {
                int n = rule.matched.getAndIncrement();
                if (n >= rule.skip && n < rule.skip + rule.times) {
                    rule.fired.incrementAndGet();
                    MockResponse injected = rule.response.apply(request);
                    if (injected != null) {
                        return injected;
                    }
                }
            }
        }
        return delegate.dispatch(request);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public void releaseResources() {
        delegate.releaseResources();
    }

    private record Rule(Predicate<RecordedRequest> matches, int skip, int times,
                        java.util.function.Function<RecordedRequest, MockResponse> response, AtomicInteger matched, AtomicInteger fired) {
        Rule(Predicate<RecordedRequest> matches, int skip, int times, java.util.function.Function<RecordedRequest, MockResponse> response) {
            this(matches, skip, times, response, new AtomicInteger(), new AtomicInteger());
        }
    }
}
