package dev.workflowrun.runner.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** Ports on 127.0.0.1 for the servers the tests start (git daemon and the like). */
public final class LocalPorts {

    private LocalPorts() {
    }

    public static int free() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Waits (at most 20 s) until {@code server} accepts connections on {@code port}; fails at once if it exits. */
    public static void awaitListening(int port, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server exited with " + server.exitValue() + " before listening on port " + port);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                server.waitFor(20, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("the server did not listen on port " + port + " within 20 s");
    }
}
