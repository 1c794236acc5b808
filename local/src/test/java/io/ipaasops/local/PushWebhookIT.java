package io.ipaasops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.local.workflows.LocalEngine;
import io.ipaasops.sandbox.Sandbox;
import io.ipaasops.testing.FreePort;
import io.ipaasops.testing.JsonAssert;
import io.ipaasops.testing.SignedHeaders;
import io.ipaasops.workflows.Workflow;
import io.ipaasops.workflows.WorkflowStarter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GitHub's push webhook on {@code serve} (the shaded jar, its own process, the sandbox's demo repository): a signed
 * push that changes watched files answers 202 at once and runs their workflows in the background, as on AWS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushWebhookIT {

    private static final String SECRET = "push-it-secret";
    private static final String SYNC = "SW50ZWdyYXRpb246c2FsZXNmb3JjZS1zeW5j";
    private static final String SHOPIFY = "01JD2Z9K8Q7XW2M8N4P6R0T1VB";
    private static final String RELEASE_PATH = "salesforce-sync.yml";
    private static final String CONNECTOR_PATH = "connectors/shopify.json";
    private static final Map<String, String> WATCHES = Map.of(
            "IPAAS_RELEASES", "[{\"repository\":\"" + Sandbox.GITHUB_REPOSITORY + "\",\"branch\":\"main\",\"path\":\""
                    + RELEASE_PATH + "\",\"integrationId\":\"" + SYNC + "\"}]",
            "IPAAS_CONNECTOR_SYNCS", "[{\"repository\":\"" + Sandbox.GITHUB_REPOSITORY + "\",\"branch\":\"main\","
                    + "\"path\":\"" + CONNECTOR_PATH + "\",\"connectorId\":\"" + SHOPIFY + "\"}]");
    /** How long a workflow may take to end on the sandbox before the test fails rather than waits on. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port = FreePort.find();
    private ServeProcess serve;

    @BeforeAll
    void start() throws Exception {
        var missing = LocalEngine.unavailable();
        if (missing.isPresent()) {
            System.err.println("WARNING: PushWebhookIT's workflow runs SKIPPED: they need Node.js: " + missing.get());
        }
        assumeTrue(missing.isEmpty(), "Node.js is needed for the local workflow engine");
        Map<String, String> env = new java.util.HashMap<>(WATCHES);
        env.put("WEBHOOK_SECRET", SECRET);
        env.put("IPAAS_ENGINE_DIR", Path.of("target", "engine").toAbsolutePath().toString());
        // Each platform call takes a little while, so a workflow surely outlasts the webhook's answer.
        env.put("SANDBOX_LATENCY_MS", "50");
        serve = ServeProcess.start(env, List.of(), "--port", Integer.toString(port));
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (serve != null) {
            serve.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSignedPushStartsItsWorkflowsInTheBackgroundOnceAndEachEndsWithItsReport() throws Exception {
        // GIVEN Salesforce Sync's published versions, and a push to main changing both watched files
        int versions = versions();
        String delivery = UUID.randomUUID().toString();
        String body = push("main", RELEASE_PATH, CONNECTOR_PATH);

        // WHEN GitHub delivers it
        HttpResponse<String> accepted = post("/github/push", body, SignedHeaders.gitHubDelivery(SECRET, "push",
                delivery, body));

        // THEN it is accepted at once with a release and a sync-connector, named for the delivery
        assertEquals(202, accepted.statusCode(), accepted.body());
        List<Map<String, Object>> started = (List<Map<String, Object>>) json(accepted.body()).get("started");
        assertEquals(List.of("release", "sync-connector"), started.stream().map(s -> s.get("workflow")).toList());
        assertTrue(started.stream().allMatch(s -> Boolean.FALSE.equals(s.get("alreadyStarted"))), accepted.body());
        String release = (String) started.get(0).get("name");
        String sync = (String) started.get(1).get("name");
        assertTrue(release.startsWith("release-" + delivery + "-"), release);
        // AND the release is running while the webhook has already answered
        assertEquals("RUNNING", json(get("/workflows/executions/" + release).body()).get("status"));

        // WHEN GitHub redelivers it THEN the same executions answer, and nothing new starts
        HttpResponse<String> redelivered = post("/github/push", body, SignedHeaders.gitHubDelivery(SECRET, "push",
                delivery, body));
        assertEquals(202, redelivered.statusCode(), redelivered.body());
        JsonAssert.assertContains("{\"started\":[{\"name\":\"" + release + "\",\"alreadyStarted\":true},"
                + "{\"name\":\"" + sync + "\",\"alreadyStarted\":true}]}", redelivered.body());

        // THEN each execution ends with its report: the release published once and deployed every instance
        Map<String, Object> released = ended(release);
        assertEquals("SUCCEEDED", released.get("status"), released::toString);
        Map<String, Object> report = (Map<String, Object>) released.get("output");
        assertEquals("SUCCEEDED", report.get("overall"), report::toString);
        assertTrue(((List<Map<String, Object>>) report.get("instances")).stream()
                .allMatch(i -> "deployed".equals(i.get("status"))), report::toString);
        assertEquals(versions + 1, versions());
        Map<String, Object> synced = ended(sync);
        assertEquals("SUCCEEDED", ((Map<String, Object>) synced.get("output")).get("overall"), synced::toString);

        // AND a redelivery after the end starts nothing either: the execution stands as it ended
        String ending = get("/workflows/executions/" + release).body();
        HttpResponse<String> late = post("/github/push", body, SignedHeaders.gitHubDelivery(SECRET, "push",
                delivery, body));
        JsonAssert.assertContains("{\"started\":[{\"name\":\"" + release + "\",\"alreadyStarted\":true}]}",
                late.body());
        assertEquals(ending, get("/workflows/executions/" + release).body());
        assertEquals(versions + 1, versions());
    }

    @Test
    void aForgedSignatureIsRefusedAndStartsNothing() throws Exception {
        String delivery = UUID.randomUUID().toString();
        String body = push("main", RELEASE_PATH);

        HttpResponse<String> forged = post("/github/push", body, SignedHeaders.gitHubDelivery("not-the-secret",
                "push", delivery, body));

        assertEquals(401, forged.statusCode(), forged.body());
        JsonAssert.assertContains("{\"error\":{\"type\":\"unauthorized\"}}", forged.body());
        String wouldBe = WorkflowStarter.executionName(Workflow.RELEASE, delivery, SYNC + "\n" + RELEASE_PATH);
        assertEquals(404, get("/workflows/executions/" + wouldBe).statusCode());
    }

    @Test
    void startingAWorkflowDirectlyNeedsASignatureWhereTheHostRequiresThem() throws Exception {
        // GIVEN a nightly-tests run with no flows, under a name of its own
        String name = "nightly-" + UUID.randomUUID();
        String body = "{\"testFlows\":[]}";

        // WHEN it is asked for unsigned, then with a forged signature
        HttpResponse<String> unsigned = post("/workflows/nightly-tests", body, Map.of("X-Execution-Name", name));
        Map<String, String> forgedHeaders = new java.util.HashMap<>(SignedHeaders.timestamped("not-the-secret", body));
        forgedHeaders.put("X-Execution-Name", name);
        HttpResponse<String> forged = post("/workflows/nightly-tests", body, forgedHeaders);

        // THEN both are refused naming the signature, and nothing ran under that name
        assertEquals(401, unsigned.statusCode(), unsigned.body());
        JsonAssert.assertContains("{\"error\":{\"type\":\"unauthorized\"}}", unsigned.body());
        assertTrue(unsigned.body().contains("signature"), unsigned.body());
        assertEquals(401, forged.statusCode(), forged.body());
        assertEquals(404, get("/workflows/executions/" + name).statusCode());

        // WHEN it is signed with the secret THEN it runs to the end
        Map<String, String> signed = new java.util.HashMap<>(SignedHeaders.timestamped(SECRET, body));
        signed.put("X-Execution-Name", name);
        HttpResponse<String> ran = post("/workflows/nightly-tests", body, signed);
        assertEquals(200, ran.statusCode(), ran.body());
        JsonAssert.assertContains("{\"status\":\"SUCCEEDED\"}", ran.body());
    }

    @Test
    void aPushThatMatchesNoWatchIsAcceptedSayingWhy() throws Exception {
        String body = push("feature/faster-sync", RELEASE_PATH);

        HttpResponse<String> answer = post("/github/push", body, SignedHeaders.gitHubDelivery(SECRET, "push",
                UUID.randomUUID().toString(), body));

        assertEquals(202, answer.statusCode(), answer.body());
        JsonAssert.assertContains("{\"started\":[]}", answer.body());
        String ignored = String.valueOf(json(answer.body()).get("ignored"));
        assertTrue(ignored.contains("branch feature/faster-sync of acme/integrations is not watched"), ignored);
    }

    /** The push GitHub sends for one commit on {@code branch} of the demo repository modifying {@code paths}. */
    private static String push(String branch, String... paths) {
        String modified = Json.write(List.of(paths));
        String commit = "{\"id\":\"" + Sandbox.GITHUB_COMMIT + "\",\"message\":\"Sync from the demo\",\"url\":"
                + "\"https://github.com/acme/integrations/commit/" + Sandbox.GITHUB_COMMIT + "\",\"added\":[],"
                + "\"removed\":[],\"modified\":" + modified + "}";
        return "{\"ref\":\"refs/heads/" + branch + "\",\"before\":\"0000000000000000000000000000000000000001\","
                + "\"after\":\"" + Sandbox.GITHUB_COMMIT + "\",\"created\":false,\"deleted\":false,"
                + "\"repository\":{\"full_name\":\"" + Sandbox.GITHUB_REPOSITORY + "\",\"html_url\":"
                + "\"https://github.com/acme/integrations\"},\"commits\":[" + commit + "],\"head_commit\":" + commit
                + "}";
    }

    /** Asks for the execution until it is no longer running, failing after {@link #PATIENCE}. */
    private Map<String, Object> ended(String name) throws Exception {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, Object> execution = json(get("/workflows/executions/" + name).body());
            if (!"RUNNING".equals(execution.get("status"))) {
                return execution;
            }
            assertTrue(System.nanoTime() < giveUp, name + " still RUNNING after " + PATIENCE);
            Thread.sleep(200);
        }
    }

    /** How many versions of Salesforce Sync have been published, asked as a signed request. */
    @SuppressWarnings("unchecked")
    private int versions() throws Exception {
        String body = "{\"query\":\"query($id: ID!) { integration(id: $id) { versionSequence(first: 100) "
                + "{ nodes { versionNumber } } } }\",\"variables\":{\"id\":\"" + SYNC + "\"}}";
        HttpResponse<String> answer = post("/prismatic/raw-graphql-request", body, SignedHeaders.timestamped(SECRET,
                body));
        assertEquals(200, answer.statusCode(), answer.body());
        Map<String, Object> integration = (Map<String, Object>) json(answer.body()).get("integration");
        return ((List<?>) ((Map<String, Object>) integration.get("versionSequence")).get("nodes")).size();
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String body) {
        return Json.read(body, Map.class);
    }
}
