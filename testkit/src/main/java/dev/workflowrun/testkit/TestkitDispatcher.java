package dev.workflowrun.testkit;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mock's own dispatching (expectations first, then CRUD, as {@code KubernetesMixedDispatcher}
 * does) over an {@link ObjectStore} that adds the API server's deletion rules and the Workflow
 * admission webhook, plus two things the mock lacks: pod logs, and a handle on open watch streams
 * so a test can drop them.
 */
final class TestkitDispatcher extends Dispatcher implements Resetable, CustomResourceAware {

    private static final Pattern LOG = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log(?:\\?(.*))?");

    private final Map<ServerRequest, Queue<ServerResponse>> responses;
    private final MockDispatcher expectations;
    private final ObjectStore store;
    private final PodLogs logs = new PodLogs();
    private final Set<WebSocket> watches = ConcurrentHashMap.newKeySet();
    private final java.util.Queue<ReceivedRequest> received = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** The mock's listeners whose watch has not been closed to them yet. */
    private final Set<Tracking> live = ConcurrentHashMap.newKeySet();
    /**
     * Where a watch's close is handed to the mock's own listener. The mock's listener sends events from
     * its own thread and waits (up to 30 s) for each write to complete on the server's event loop; its
     * close handler, called on that same event loop, waits for the sending thread to finish. A watch
     * closed while an event was being sent stalled the event loop, and every request with it, for the
     * 30 s the write waits. Handing the close to another thread leaves the event loop free to complete
     * the write. Daemon threads, so they never keep a process alive.
     */
    private final java.util.concurrent.ExecutorService closer = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mock-watch-close");
        t.setDaemon(true);
        return t;
    });

    TestkitDispatcher(Map<ServerRequest, Queue<ServerResponse>> responses, ObjectStore store) {
        this.responses = responses;
        this.expectations = new MockDispatcher(responses);
        this.store = store;
    }

    private MockResponse delegate(RecordedRequest request) {
        Queue<ServerResponse> expected = responses.get(new io.fabric8.mockwebserver.internal.SimpleRequest(
                io.fabric8.mockwebserver.dsl.HttpMethod.valueOf(request.getMethod()), request.getPath()));
        return expected != null && !expected.isEmpty() ? expectations.dispatch(request) : store.dispatch(request);
    }

    PodLogs logs() {
        return logs;
    }

    /** Every request received so far, in order of arrival. */
    java.util.List<ReceivedRequest> received() {
        return java.util.List.copyOf(received);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        received.add(new ReceivedRequest(java.time.Instant.now(), request.getMethod(), request.getPath(),
                String.valueOf(request.getHeader("User-Agent"))));
        Matcher m = LOG.matcher(request.getPath());
        if ("GET".equalsIgnoreCase(request.getMethod()) && m.matches()) {
            Map<String, String> query = query(m.group(3));
            PodLogs.Response r = logs.respond(m.group(1), m.group(2), Optional.ofNullable(query.get("container")),
                    Optional.ofNullable(query.get("tailLines")).map(Integer::valueOf),
                    Optional.ofNullable(query.get("limitBytes")).map(Long::valueOf));
            return new MockResponse().setResponseCode(r.code()).setBody(r.body())
                    .setHeader("Content-Type", r.code() == 200 ? "text/plain" : "application/json");
        }
        MockResponse response = delegate(request);
        WebSocketListener listener = response.getWebSocketListener();
        if (listener != null) {
            response.withWebSocketUpgrade(new Tracking(listener));
        }
        return response;
    }

    int dropWatches() {
        int n = 0;
        for (WebSocket ws : Set.copyOf(watches)) {
            watches.remove(ws);
            // 1011 "internal error": what a client sees when the server side goes away mid-stream.
            if (ws.close(1011, "watch stream dropped by the test")) {
                n++;
            }
        }
        return n;
    }

    int openWatches() {
        return watches.size();
    }

    /**
     * Ends every watch still open, as the mock would if each client had closed it: the mock's listener
     * then stops its sending thread, which is not a daemon and would otherwise keep the process alive
     * after the server is gone. Called before the server stops.
     */
    void closeWatches() {
        closer.shutdown();
        try {
            // closes already handed over finish while the server can still send their close frames
            closer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Tracking listener : Set.copyOf(live)) {
            listener.closeInner(() -> listener.inner.onClosed(listener.socket, 1001, "API server shutting down"));
        }
    }

    @Override
    public void shutdown() {
        expectations.shutdown();
        store.shutdown();
    }

    @Override
    public void releaseResources() {
        expectations.releaseResources();
        store.releaseResources();
    }

    @Override
    public void reset() {
        store.reset();
    }

    @Override
    public void expectCustomResource(CustomResourceDefinitionContext context) {
        store.expectCustomResource(context);
    }

    private static Map<String, String> query(String q) {
        Map<String, String> out = new HashMap<>();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Passes everything through and remembers the socket while it is open. */
    private final class Tracking extends WebSocketListener {
        private final WebSocketListener inner;
        private final java.util.concurrent.atomic.AtomicBoolean innerClosed = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile WebSocket socket;

        Tracking(WebSocketListener inner) {
            this.inner = inner;
        }

        @Override
        public void onBeforeAccept(WebSocket ws, Response response) {
            inner.onBeforeAccept(ws, response);
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            socket = ws;
            watches.add(ws);
            live.add(this);
            inner.onOpen(ws, response);
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            inner.onMessage(ws, text);
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            inner.onMessage(ws, bytes);
        }

        @Override
        public void onMessage(WebSocket ws, byte[] bytes) {
            inner.onMessage(ws, bytes);
        }

        @Override
        public void onPing(WebSocket ws, byte[] bytes) {
            inner.onPing(ws, bytes);
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            watches.remove(ws);
            inner.onClosing(ws, code, reason);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            watches.remove(ws);
            closeInner(() -> inner.onClosed(ws, code, reason));
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            watches.remove(ws);
            closeInner(() -> inner.onFailure(ws, t, response));
        }

        /** Once per watch, and never on the event loop (see {@code closer}); inline once the server is stopping. */
        void closeInner(Runnable close) {
            if (!innerClosed.compareAndSet(false, true)) {
                return;
            }
            live.remove(this);
            store.stopNotifying(inner);
            try {
                closer.execute(close);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                close.run();
            }
        }
    }
}
