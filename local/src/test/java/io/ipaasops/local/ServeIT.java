package io.ipaasops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.testing.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code serve} from the shaded jar, as its own process on the sandbox: what it does with clients and logs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeIT {

    /** The request deadline this process runs with: the JDK's own setting, given short so the test is quick. */
    private static final int DEADLINE_SECONDS = 3;

    private final int port = FreePort.find();
    private final ServeProcess serve = ServeProcess.start(Map.of(),
            List.of("-Dsun.net.httpserver.maxReqTime=" + DEADLINE_SECONDS), "--sandbox", "--port",
            Integer.toString(port));
    private final HttpClient http = HttpClient.newHttpClient();

    ServeIT() throws IOException {
    }

    @AfterAll
    void stop() throws InterruptedException {
        serve.close();
    }

    @Test
    void theHostSaysItListensOnLoopbackOnly() {
        serve.await(l -> l.contains("ipaas-ops local function host on http://localhost:" + port
                + ", listening on 127.0.0.1 (this machine only)"));
    }

    @Test
    void slowClientsNeitherKeepOthersWaitingNorHoldTheHostPastTheRequestDeadline() throws Exception {
        // GIVEN twice as many connections as the host once had threads, each announcing a body it never sends
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.getOutputStream().write(("POST /prismatic/deploy-instance HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            long opened = System.nanoTime();

            // WHEN someone else asks for the index, THEN they get it at once
            assertEquals(200, index(Duration.ofSeconds(5)));

            // AND once the request deadline has passed, the host has closed every slow client
            for (Socket socket : slow) {
                socket.setSoTimeout((int) Duration.ofSeconds(DEADLINE_SECONDS + 15).toMillis());
                assertTrue(closedByTheHost(socket.getInputStream()), "a slow connection was left open");
            }
            long waited = Duration.ofNanos(System.nanoTime() - opened).toSeconds();
            assertTrue(waited >= DEADLINE_SECONDS - 1, "closed by the deadline, after " + waited + " s");
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertEquals(200, index(Duration.ofSeconds(5)));
    }

    private int index(Duration patience) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).timeout(patience)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void eachRequestIsLoggedWithItsStatusErrorTypeAndDurationAndFailuresOfOursAtWarn() throws Exception {
        post("/prismatic/get-current-user", "{}");
        post("/prismatic/deploy-everything", "{}");
        post("/prismatic/raw-graphql-request", "{\"query\":\"{ nope }\"}");
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/versori/get-connector")).GET()
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
        // More slow clients than the host has workers and queue (32 + 16): the rest are answered 503 at once.
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                socket.getOutputStream().write(("POST /prismatic/get-current-user HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Length: 10\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }

            serve.await(logged("INFO", "POST /prismatic/get-current-user 200"));
            serve.await(logged("INFO", "POST /prismatic/deploy-everything 404 not_found"));
            serve.await(logged("INFO", "POST /prismatic/raw-graphql-request 400 validation"));
            serve.await(logged("INFO", "GET /versori/get-connector 405 method_not_allowed"));
            serve.await(logged("WARN", "POST /prismatic/get-current-user 503 transient"));
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /** A LocalHost log line at {@code level} that reads {@code outcome} and then the duration. */
    private static Predicate<String> logged(String level, String outcome) {
        return line -> line.matches(".* " + level + " io\\.ipaasops\\.local\\.host\\.LocalHost - "
                + Pattern.quote(outcome) + " \\(\\d+ ms\\)");
    }

    private void post(String path, String body) throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** Reads until the host closes the connection (whatever it answered first); false if it stays open. */
    private static boolean closedByTheHost(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // an early 503, say: keep reading until the connection ends
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset: closed too
        }
    }
}
