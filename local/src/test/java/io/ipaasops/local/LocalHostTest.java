package io.ipaasops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.testing.JsonAssert;
import io.ipaasops.functions.Actions;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.local.host.HostLimits;
import io.ipaasops.sandbox.Sandbox;
import io.ipaasops.sandbox.SandboxExamples;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every action against the built-in sandbox, through the local host over real HTTP, as the README shows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalHostTest {

    private final HostClient host = new HostClient(Sandbox.Faults.NONE);

    LocalHostTest() throws Exception {
    }

    /** The actions whose platform the sandbox stands in for (GitHub's talk to GitHub itself). */
    static Stream<String> actions() {
        return Actions.all().stream().filter(a -> Sandbox.PLATFORMS.contains(a.platform()))
                .map(ActionFunction::name);
    }

    @AfterAll
    void stop() {
        host.close();
    }

    @ParameterizedTest
    @MethodSource("actions")
    void everyActionAnswersItsExampleFromTheSandbox(String action) throws Exception {
        Map<String, Object> output = host.run(action, SandboxExamples.all().get(action));

        assertFalse(output.isEmpty(), action + " returned nothing");
        assertFalse(output.get("error") instanceof Map, output::toString);
    }

    @Test
    void gitHubsPushWebhookIsServedAtItsOwnRouteAndAnswersItsPingExample() throws Exception {
        HostClient.Answer ping = host.send(host.request("/github/push").header("X-GitHub-Event", "ping")
                .POST(HttpRequest.BodyPublishers.ofString(SandboxExamples.all().get("github-push"))));
        HostClient.Answer issue = host.send(host.request("/github/push").header("X-GitHub-Event", "issues")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"opened\"}")));

        assertEquals(200, ping.status(), ping.body());
        assertEquals(Map.of("pong", true, "zen", "Keep it logically awesome."), ping.json());
        assertEquals(204, issue.status(), issue.body());
        assertEquals("", issue.body());
        assertEquals(404, host.post("/github/github-push", "{}").status());
    }

    @Test
    void indexListsEveryActionWithAnExample() throws Exception {
        HostClient.Answer index = host.get("/");

        assertEquals(200, index.status());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> actions = (List<Map<String, Object>>) index.json().get("actions");
        assertEquals(Actions.all().size(), actions.size());
        assertTrue(actions.stream().allMatch(a -> String.valueOf(a.get("example")).startsWith("curl ")));
        assertEquals("POST /prismatic/deploy-instance", actions.get(0).get("route"));
    }

    @Test
    void badInputIs400UnknownIdIs404UnknownRouteIs404() throws Exception {
        HostClient.Answer invalid = host.post("/prismatic/deploy-instance", "{\"instanceId\":7}");
        HostClient.Answer missing = host.post("/prismatic/get-customer", "{\"customerId\":\"Q3VzdG9tZXI6bm9uZQ==\"}");
        HostClient.Answer unrouted = host.post("/prismatic/deploy-everything", "{}");
        HostClient.Answer wrongPlatform = host.post("/versori/deploy-instance", "{}");

        assertEquals(400, invalid.status());
        JsonAssert.assertContains("{\"error\":{\"type\":\"validation\",\"fields\":[{\"field\":\"instanceId\"}]}}",
                invalid.body());
        assertEquals(404, missing.status(), missing.body());
        assertEquals(404, unrouted.status());
        assertEquals(404, wrongPlatform.status());
    }

    @Test
    void slowClientsThatNeverSendTheirBodyDoNotFreezeTheHost() throws Exception {
        // GIVEN twice as many connections as the host once had threads, each announcing a body it never sends
        List<Socket> slow = slowClients(host, 16);
        try {
            // WHEN someone else asks for the index
            HostClient.Answer index = host.get("/");

            // THEN they get it (HostClient.PATIENCE bounds the wait)
            assertEquals(200, index.status());
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void whenEveryWorkerAndTheQueueAreTakenTheHostAnswers503AndRecovers() throws Exception {
        // GIVEN a host with two workers and room for one more request, and three clients that hold them
        try (HostClient small = new HostClient(Sandbox.Faults.NONE, new HostLimits(2, 1, HostLimits.LAMBDA_PAYLOAD))) {
            List<Socket> slow = slowClients(small, 3);
            HostClient.Answer busy;
            try {
                // WHEN another request comes (the slow ones reach the server in their own time: ask until it is full)
                long giveUp = System.nanoTime() + HostClient.PATIENCE.toNanos();
                do {
                    busy = small.send(small.request("/").timeout(Duration.ofSeconds(2)).GET());
                } while (busy.status() != 503 && System.nanoTime() < giveUp);
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }

            // THEN it is told to come back, and once the slow clients are gone it is served
            assertEquals(503, busy.status(), busy::toString);
            assertEquals("1", busy.header("Retry-After"));
            JsonAssert.assertContains("{\"error\":{\"type\":\"transient\"}}", busy.body());
            // The workers see the closed connections in their own time: ask until served (bounded), as a client would.
            long giveUp = System.nanoTime() + HostClient.PATIENCE.toNanos();
            HostClient.Answer served;
            do {
                served = small.get("/");
            } while (served.status() == 503 && System.nanoTime() < giveUp);
            assertEquals(200, served.status(), served::toString);
        }
    }

    @Test
    void aBodyOverLambdasSixMegabytesIsRefusedWith413() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), host.port())) {
            socket.setSoTimeout((int) HostClient.PATIENCE.toMillis());
            socket.getOutputStream().write(("POST /prismatic/import-integration HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (6 * 1024 * 1024 + 1) + "\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));

            String answer = readAnswer(socket.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            JsonAssert.assertContains("{\"error\":{\"type\":\"payload_too_large\"}}",
                    answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    @Test
    void theHostListensOnLoopbackByDefault() {
        assertTrue(host.address().getAddress().isLoopbackAddress(), host.address()::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/prismatic/x%22,%22injected%22:%22yes", "/prismatic/a%00b", "/versori/%0Anewline",
            "/nowhere/x%22,%22injected%22:%22yes"})
    void errorBodiesAreJsonWithExactlyTheErrorKeysWhateverThePath(String path) throws Exception {
        HostClient.Answer answer = host.post(path, "{}");

        assertEquals(404, answer.status());
        Map<String, Object> json = answer.json();
        assertEquals(Set.of("error"), json.keySet(), answer.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) json.get("error");
        assertEquals(Set.of("type", "message", "fields"), error.keySet(), answer.body());
        assertEquals("not_found", error.get("type"));
    }

    @Test
    void getOnAnActionIs405AllowingPostWhileUnknownRoutesStay404() throws Exception {
        HostClient.Answer get = host.get("/prismatic/deploy-instance");
        HostClient.Answer unknown = host.get("/prismatic/deploy-everything");

        assertEquals(405, get.status());
        assertEquals("POST", get.header("Allow"));
        JsonAssert.assertContains("{\"error\":{\"type\":\"method_not_allowed\"}}", get.body());
        assertEquals(404, unknown.status());
        JsonAssert.assertContains("{\"error\":{\"type\":\"not_found\"}}", unknown.body());
    }

    @Test
    void headOfTheIndexAnswersLikeGetWithoutABody() throws Exception {
        HostClient.Answer get = host.send(host.request("/").GET());
        HostClient.Answer head = host.send(host.request("/").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, head.status());
        assertEquals(get.header("Content-Type"), head.header("Content-Type"));
        assertEquals("", head.body());
    }

    @Test
    void theIndexIsAReadablePageUnlessJsonIsAskedFor() throws Exception {
        HostClient.Answer page = host.send(host.request("/").header("Accept", "*/*").GET());
        HostClient.Answer json = host.get("/");

        assertEquals("text/plain; charset=utf-8", page.header("Content-Type"));
        assertFalse(page.body().startsWith("{"), page.body());
        for (ActionFunction<?, ?> action : Actions.all()) {
            assertTrue(page.body().contains("curl -s -X POST localhost:" + host.port() + action.route() + " "),
                    action.name() + " has its example on a line of its own: " + page.body());
        }
        assertEquals("application/json", json.header("Content-Type"));
        assertTrue(json.json().get("actions") instanceof List<?>, json.body());
    }

    @Test
    void everyJsonAnswerEndsWithANewline() throws Exception {
        List<HostClient.Answer> answers = List.of(host.get("/"), host.get("/prismatic/deploy-instance"),
                host.post("/nowhere", "{}"), host.post("/prismatic/get-current-user", "{}"),
                host.post("/prismatic/deploy-instance", "{\"instanceId\":7}"));

        for (HostClient.Answer answer : answers) {
            String tail = answer.status() + " " + answer.headers().map() + " ..."
                    + answer.body().substring(Math.max(0, answer.body().length() - 80));
            assertTrue(answer.header("Content-Type").startsWith("application/json"), tail);
            assertTrue(answer.body().endsWith("}\n"), tail);
        }
    }

    /** Connections that send their headers, announce a body of 100 bytes, send one and then nothing more. */
    private static List<Socket> slowClients(HostClient host, int count) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), host.port());
            socket.getOutputStream().write(("POST /prismatic/deploy-instance HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            sockets.add(socket);
        }
        return sockets;
    }

    /** Reads one HTTP/1.1 answer with a Content-Length: status line, headers and body. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void versoriConnectionVariablesPropagateToConnections() throws Exception {
        String connector = "01JD2Z9K8Q7XW2M8N4P6R0T1VE";
        host.run("update-connector", "{\"connectorId\":\"" + connector + "\",\"connectionVariables\":"
                + "[{\"name\":\"account\",\"value\":\"1234567\"}],\"name\":\"NetSuite EU\"}");

        Map<String, Object> after = host.run("get-connector", "{\"connectorId\":\"" + connector + "\"}");

        assertEquals("NetSuite EU", after.get("name"));
        assertEquals(List.of(Map.of("name", "account", "value", "1234567")), after.get("connectionVariables"));
        assertEquals("https://docs.example.com/" + connector, after.get("documentationURL"),
                "a field the caller did not give survived the full replacement");
    }
}
