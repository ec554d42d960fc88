package dev.workflowrun.adapters.git;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real {@code git daemon} serving every repository under a base directory on 127.0.0.1. */
final class GitDaemon implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final int port;

    private GitDaemon(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static GitDaemon start(Path baseDir, Path logFile) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = List.of("git", "daemon", "--base-path=" + baseDir, "--export-all", "--reuseaddr",
                "--listen=127.0.0.1", "--port=" + port, "--informative-errors", baseDir.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        GitDaemon daemon = new GitDaemon(process, port);
        daemon.awaitAcceptingConnections();
        return daemon;
    }

    String uri(String repositoryName) {
        return "git://127.0.0.1:" + port + "/" + repositoryName;
    }

    int port() {
        return port;
    }

    /** Polls the port with a bounded deadline: start-up takes tens of milliseconds, not a fixed time. */
    private void awaitAcceptingConnections() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("git daemon exited with " + process.exitValue() + " before listening on " + port);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                // Not listening yet; wait for the process a moment (returns early if it dies).
                process.waitFor(10, TimeUnit.MILLISECONDS);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("git daemon did not accept connections on port " + port + " within " + START_TIMEOUT);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
