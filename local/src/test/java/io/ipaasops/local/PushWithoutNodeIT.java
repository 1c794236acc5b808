package io.ipaasops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.sandbox.Sandbox;
import io.ipaasops.testing.FreePort;
import io.ipaasops.testing.SignedHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code serve} where Node.js is not on the PATH: a push that matches a watch says what is missing, nothing more. */
class PushWithoutNodeIT {

    private static final String SECRET = "push-it-secret";

    @Test
    @SuppressWarnings("unchecked")
    void aMatchingPushSaysTheWorkflowsNeedNodeAndEveryActionStillWorks() throws Exception {
        // GIVEN serve with a release watched, on a PATH without node
        int port = FreePort.find();
        Map<String, String> env = Map.of("PATH", "/nonexistent", "WEBHOOK_SECRET", SECRET, "IPAAS_RELEASES",
                "[{\"repository\":\"" + Sandbox.GITHUB_REPOSITORY + "\",\"branch\":\"main\",\"path\":"
                        + "\"salesforce-sync.yml\",\"integrationId\":\"SW50ZWdyYXRpb246c2FsZXNmb3JjZS1zeW5j\"}]");
        try (ServeProcess serve = ServeProcess.start(env, List.of(), "--port", Integer.toString(port))) {
            assertTrue(serve.lines().stream().anyMatch(l -> l.contains("Workflows (") && l.contains("off")
                    && l.contains("Node.js")), serve.lines()::toString);
            String body = "{\"ref\":\"refs/heads/main\",\"after\":\"" + Sandbox.GITHUB_COMMIT + "\",\"repository\":"
                    + "{\"full_name\":\"" + Sandbox.GITHUB_REPOSITORY + "\"},\"commits\":[{\"id\":\""
                    + Sandbox.GITHUB_COMMIT + "\",\"modified\":[\"salesforce-sync.yml\"]}]}";

            // WHEN a push changes the watched file
            HttpResponse<String> push = post(port, "/github/push", body, SignedHeaders.gitHubDelivery(SECRET, "push",
                    UUID.randomUUID().toString(), body));
            String input = "{}";
            HttpResponse<String> action = post(port, "/prismatic/list-customers", input,
                    SignedHeaders.timestamped(SECRET, input));

            // THEN the answer names what is missing, as our error, not a stack trace; and actions still answer
            Map<String, Object> error = (Map<String, Object>) Json.read(push.body(), Map.class).get("error");
            assertEquals(429, push.statusCode(), push.body());
            assertEquals("transient", error.get("type"), push.body());
            String message = String.valueOf(error.get("message"));
            assertTrue(message.contains("release watch") && message.contains("needs Node.js")
                    && message.contains("nothing was started"), message);
            assertEquals(200, action.statusCode(), action.body());
        }
    }

    private static HttpResponse<String> post(int port, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
