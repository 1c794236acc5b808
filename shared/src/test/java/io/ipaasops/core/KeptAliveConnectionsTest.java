package io.ipaasops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipaasops.github.GitHubClient;
import io.ipaasops.lambda.FunctionRuntime;
import io.micronaut.context.ApplicationContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Platform calls reuse a kept-alive connection: a new connection per call costs a TCP and TLS handshake against the
 * real platforms (Micronaut's JDK client built a new {@code java.net.http.HttpClient} on every blocking call).
 */
class KeptAliveConnectionsTest {

    /** An HTTP/1.1 server that answers every request 200 on the connection it came in, counting connections. */
    private static final class CountingServer implements AutoCloseable {

        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger requests = new AtomicInteger();

        CountingServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::accept, "counting-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    Thread serving = new Thread(() -> serve(connection), "counting-connection");
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket connection) {
            try (connection; BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                    StandardCharsets.ISO_8859_1))) {
                OutputStream out = connection.getOutputStream();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isEmpty()) {
                        continue;
                    }
                    // End of a request's headers (a GET has no body): answer and wait for the next one.
                    requests.incrementAndGet();
                    byte[] body = "name: Demo\n".getBytes(StandardCharsets.UTF_8);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.github.raw+json\r\nContent-Length: "
                            + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                }
            } catch (IOException gone) {
                // the client closed the connection
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void callsInARowShareOneConnection() throws Exception {
        // GIVEN a platform that keeps connections alive
        try (CountingServer server = new CountingServer();
             ApplicationContext context = FunctionRuntime.start(Map.of("github.api-url", server.url(),
                     "github.token", "t0k3n"), "test")) {
            GitHubClient github = context.getBean(GitHubClient.class);

            // WHEN three files are read one after the other
            for (int i = 0; i < 3; i++) {
                github.readFile("acme/integrations", "sync-" + i + ".yml", "main");
            }

            // THEN all three went over one connection
            assertEquals(3, server.requests.get());
            assertEquals(1, server.connections.get(), "one connection for three calls");
        }
    }
}
