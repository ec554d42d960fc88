package dev.workflowrun.proof.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte-for-byte TCP forwarder on 127.0.0.1 in front of a real server, able to fail the network
 * the ways a real one fails: stop listening for a while (clients get "connection refused", and
 * open connections are reset), or cut a connection after the server has sent some bytes (the
 * server "gone mid-transfer"). Watches and keep-alive connections pass through untouched.
 */
public final class TcpForwarder implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong cutAfterServerBytes = new AtomicLong(-1);
    private volatile ServerSocket listener;
    private volatile boolean closed;

    public TcpForwarder(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.listener = listen(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
        }
        this.port = listener.getLocalPort();
        accept(listener);
    }

    public int port() {
        return port;
    }

    /**
     * Refuses connections for {@code outage}: the listening socket is closed and every open
     * connection is reset, then it listens again on the same port. Returns at once.
     */
    public void refuseFor(Duration outage) {
        stopListening();
        Thread reopen = new Thread(() -> {
            try {
                Thread.sleep(outage.toMillis()); // the outage itself is the fault being injected, not a wait for a condition
                if (!closed) {
                    ServerSocket s = listen(port);
                    listener = s;
                    accept(s);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen again on port " + port, e);
            }
        }, "forwarder-reopen-" + port);
        reopen.setDaemon(true);
        reopen.start();
    }

    /** Stops listening for good and resets every connection: the server is gone. */
    public void stopListening() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing a listener that failed is still closed
        }
        for (Socket s : Set.copyOf(open)) {
            close(s);
        }
    }

    /** Every connection made from now on is cut once the server has sent {@code bytes} bytes on it; negative: never. */
    public void cutAfterServerBytes(long bytes) {
        cutAfterServerBytes.set(bytes);
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
        return s;
    }

    private void accept(ServerSocket server) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), targetPort);
                    open.add(client);
                    open.add(upstream);
                    long cut = cutAfterServerBytes.get();
                    pump(client, upstream, -1);
                    pump(upstream, client, cut);
                } catch (IOException e) {
                    // listener closed (an injected outage) or the target refused: the client sees a reset
                }
            }
        }, "forwarder-accept-" + server.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    private void pump(Socket from, Socket to, long cutAfter) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            long sent = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (cutAfter >= 0 && sent + n >= cutAfter) {
                        out.write(buffer, 0, (int) Math.max(0, cutAfter - sent));
                        out.flush();
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    sent += n;
                }
            } catch (IOException e) {
                // one side went away; the other is closed below
            } finally {
                close(from);
                close(to);
            }
        }, "forwarder-pump");
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket s) {
        open.remove(s);
        try {
            s.setSoLinger(true, 0); // a reset, as a crashed server or a dropped route gives
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        stopListening();
    }
}
