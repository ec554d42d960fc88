package dev.workflowrun.adapters.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * A real smart-HTTP git server on 127.0.0.1 that demands HTTP Basic authentication with one
 * token, like a private repository on a hosting service. It serves one repository with JGit's
 * own {@link UploadPack} over the JDK's HTTP server (protocol v0, stateless RPC).
 */
final class TokenCheckingHttpGitServer implements AutoCloseable {

    private final HttpServer server;
    private final Repository repository;
    private final String token;

    TokenCheckingHttpGitServer(Repository repository, String token) throws IOException {
        this.repository = repository;
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/repo.git/", this::handle);
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/repo.git";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (exchange.getRequestMethod().equals("GET") && path.endsWith("/info/refs")
                    && "service=git-upload-pack".equals(query)) {
                PacketLineOut out = new PacketLineOut(body);
                out.writeString("# service=git-upload-pack\n");
                out.end();
                UploadPack upload = new UploadPack(repository);
                upload.setBiDirectionalPipe(false);
                upload.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(out));
                reply(exchange, "application/x-git-upload-pack-advertisement", body.toByteArray());
            } else if (exchange.getRequestMethod().equals("POST") && path.endsWith("/git-upload-pack")) {
                InputStream in = exchange.getRequestBody();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    in = new GZIPInputStream(in);
                }
                UploadPack upload = new UploadPack(repository);
                upload.setBiDirectionalPipe(false);
                upload.setRequestPolicy(UploadPack.RequestPolicy.REACHABLE_COMMIT);
                upload.upload(in, body, null);
                reply(exchange, "application/x-git-upload-pack-result", body.toByteArray());
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon >= 0 && decoded.substring(colon + 1).equals(token);
    }

    private static void reply(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
