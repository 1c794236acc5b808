package io.ipaasops.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.prismatic.GraphQlDocument;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Integration versions the way Prismatic keeps them, as the workflows rely on: each publish is a record with its own
 * id; instances stay on their version until moved; {@code needsDeploy} means the configuration changed since the
 * last deploy.
 */
class SandboxVersionsTest {

    private static final String SYNC = PrismaticState.id("Integration", "salesforce-sync");
    private static final String ACME = PrismaticState.id("Instance", "acme-salesforce-sync");
    private static final String PUBLISH = """
            mutation($id: ID!, $comment: String, $attributes: String) {
              publishIntegration(input: {id: $id, comment: $comment, attributes: $attributes}) {
                integration { id versionNumber versionComment versionAttributes versionIsLatest hasUnpublishedChanges }
                errors { field messages }
              }
            }""";
    private static final String INSTANCE = """
            query($id: ID!) { instance(id: $id) { needsDeploy deployedVersion integration { id versionNumber } } }""";
    private static final String MOVE = """
            mutation($id: ID!, $version: ID!) {
              updateInstance(input: {id: $id, integration: $version}) { instance { id } errors { field messages } }
            }""";
    private static final String DEPLOY = """
            mutation($id: ID!) { deployInstance(input: {id: $id}) { instance { deployedVersion needsDeploy } errors {
              field messages } } }""";

    private final PrismaticSandbox sandbox = new PrismaticSandbox(Clock.systemUTC(), "http://localhost:1");

    @Test
    @SuppressWarnings("unchecked")
    void aPublishIsANewVersionRecordThatTheClientsReadBackFindsNewestFirst() {
        // GIVEN Salesforce Sync with unpublished changes
        execute("mutation($id: ID!) { updateIntegration(input: {id: $id, description: \"Leads too\"}) { errors {"
                + " field } } }", Map.of("id", SYNC));

        // WHEN it is published with a comment and Prism's commit attributes
        Map<String, Object> version = (Map<String, Object>) data(PUBLISH, Map.of("id", SYNC, "comment", "Leads",
                "attributes", "{\"commitHash\":\"0a1b2c3\"}"), "publishIntegration").get("integration");

        // THEN the payload is version 4, a record of its own; the draft reads 4 too and is the latest
        assertNotEquals(SYNC, version.get("id"));
        assertEquals(Map.of("versionNumber", 4, "versionComment", "Leads", "versionAttributes",
                "{\"commitHash\":\"0a1b2c3\"}", "versionIsLatest", false, "hasUnpublishedChanges", false),
                without(version, "id"));
        Map<String, Object> draft = data("query($id: ID!) { integration(id: $id) { versionNumber versionIsLatest"
                + " hasUnpublishedChanges } }", Map.of("id", SYNC), "integration");
        assertEquals(Map.of("versionNumber", 4, "versionIsLatest", true, "hasUnpublishedChanges", false), draft);
        // AND the client's own read-back document (an unknown publish outcome) finds it first
        List<Map<String, Object>> newest = (List<Map<String, Object>>) ((Map<String, Object>) data(
                GraphQlDocument.load("latestVersions").text(), Map.of("id", SYNC), "integration")
                .get("versionSequence")).get("nodes");
        assertEquals(List.of(4, 3, 2, 1), newest.stream().map(v -> v.get("versionNumber")).toList());
        assertEquals(version.get("id"), newest.get(0).get("id"));
        assertTrue(newest.get(0).get("versionCreatedAt") != null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void publishingMovesNoInstanceMovingOneIsAChangeToDeployAndTheSequenceSpansEveryVersion() {
        execute("mutation($id: ID!) { updateIntegration(input: {id: $id, description: \"v4\"}) { errors { field } } }",
                Map.of("id", SYNC));
        String v4 = (String) ((Map<String, Object>) data(PUBLISH, Map.of("id", SYNC), "publishIntegration")
                .get("integration")).get("id");

        Map<String, Object> untouched = data(INSTANCE, Map.of("id", ACME), "instance");
        assertEquals(false, untouched.get("needsDeploy"), "publishing changes no instance's configuration");
        assertEquals(3, ((Map<String, Object>) untouched.get("integration")).get("versionNumber"));

        assertEquals(List.of(), data(MOVE, Map.of("id", ACME, "version", v4), "updateInstance").get("errors"));
        Map<String, Object> moved = data(INSTANCE, Map.of("id", ACME), "instance");
        assertEquals(Map.of("needsDeploy", true, "deployedVersion", 3, "integration", Map.of("id", v4,
                "versionNumber", 4)), moved);
        assertEquals(Map.of("deployedVersion", 4, "needsDeploy", false), data(DEPLOY, Map.of("id", ACME),
                "deployInstance").get("instance"));

        String sequence = (String) data("query($id: ID!) { integration(id: $id) { versionSequenceId } }",
                Map.of("id", SYNC), "integration").get("versionSequenceId");
        Map<String, Object> instances = data("query($s: UUID) { instances(integration_VersionSequenceId: $s,"
                + " isSystem: false) { nodes { integration { versionNumber } } } }", Map.of("s", sequence), "instances");
        assertEquals(List.of(4, 3), ((List<Map<String, Object>>) instances.get("nodes")).stream()
                .map(i -> ((Map<String, Object>) i.get("integration")).get("versionNumber")).toList());
    }

    @Test
    void anInstanceMovesOnlyToAnAvailableVersionOfItsOwnIntegration() {
        String erp = PrismaticState.id("Integration", "erp-orders-v2");
        String v2 = PrismaticState.id("Integration", "salesforce-sync-v2");
        execute("mutation($id: ID) { updateIntegrationVersionAvailability(input: {id: $id, available: false}) {"
                + " errors { field } } }", Map.of("id", v2));

        assertEquals(List.of(Map.of("field", "integration", "messages", List.of("An instance can only move to a"
                + " version of its own integration."))), data(MOVE, Map.of("id", ACME, "version", erp),
                "updateInstance").get("errors"));
        assertEquals(List.of(Map.of("field", "integration", "messages", List.of("This version of the integration is"
                + " not available."))), data(MOVE, Map.of("id", ACME, "version", v2), "updateInstance").get("errors"));
        assertEquals(false, data(INSTANCE, Map.of("id", ACME), "instance").get("needsDeploy"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMutationOnAnUnknownIdAnswersNoDataAndPrismaticsMessage() {
        Map<String, Object> response = execute(DEPLOY, Map.of("id", PrismaticState.id("Instance", "nope")));

        assertTrue(response.containsKey("data"));
        assertNull(response.get("data"), "no data, so that a client reads the error rather than a null payload");
        assertEquals("Instance matching query does not exist.",
                ((List<Map<String, Object>>) response.get("errors")).get(0).get("message"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPostToAFlowsTestUrlStartsAnExecutionWhoseStepResultsAreServedAsMessagePack() throws Exception {
        MovingClock clock = new MovingClock();
        PrismaticSandbox timed = new PrismaticSandbox(clock, "http://localhost:1");
        Map<String, Object> data = (Map<String, Object>) timed.execute("query($id: ID!) { integration(id: $id) {"
                + " flows { nodes { id testUrl } } } }", Map.of("id", SYNC)).get("data");
        Map<String, Object> flows = (Map<String, Object>) ((Map<String, Object>) data.get("integration")).get("flows");
        Map<String, Object> flow = ((List<Map<String, Object>>) flows.get("nodes")).get(0);
        String token = ((String) flow.get("testUrl")).substring("http://localhost:1/trigger/".length());

        Executions.Reply reply = timed.trigger(token, "{\"order\":42}", "application/json");
        clock.advance(PrismaticState.EXECUTION_TIME);

        assertEquals(200, reply.status());
        assertEquals("{\"executionId\":\"" + reply.executionId() + "\"}", reply.body());
        Map<String, Object> execution = (Map<String, Object>) ((Map<String, Object>) timed.execute("query($id: ID!) {"
                + " executionResult(id: $id) { status stepResults { edges { cursor node { stepName displayStepName"
                + " resultsUrl } } } } }", Map.of("id", reply.executionId())).get("data")).get("executionResult");
        assertEquals("SUCCESS", execution.get("status"));
        List<Map<String, Object>> edges = (List<Map<String, Object>>) ((Map<String, Object>) execution
                .get("stepResults")).get("edges");
        Map<String, Object> last = (Map<String, Object>) edges.get(1).get("node");
        assertEquals(List.of("integrationTrigger", "processPayload"), edges.stream()
                .map(e -> ((Map<String, Object>) e.get("node")).get("stepName")).toList());
        String key = ((String) last.get("resultsUrl")).substring("http://localhost:1/results/".length());
        try (org.msgpack.core.MessageUnpacker unpacker = org.msgpack.core.MessagePack.newDefaultUnpacker(
                timed.results(key))) {
            Map<String, String> decoded = new HashMap<>();
            for (int i = unpacker.unpackMapHeader(); i > 0; i--) {
                decoded.put(unpacker.unpackString(), unpacker.unpackString());
            }
            assertEquals(Map.of("data", "{\"order\":42}", "contentType", "application/json"), decoded);
        }
        assertEquals(404, timed.trigger("bm90LWEtZmxvdw", "", null).status());
    }

    private Map<String, Object> execute(String query, Map<String, Object> variables) {
        return sandbox.execute(query, variables);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> data(String query, Map<String, Object> variables, String field) {
        Map<String, Object> response = execute(query, variables);
        assertNull(response.get("errors"), response::toString);
        return (Map<String, Object>) ((Map<String, Object>) response.get("data")).get(field);
    }

    private static Map<String, Object> without(Map<String, Object> map, String key) {
        Map<String, Object> copy = new HashMap<>(map);
        copy.remove(key);
        return copy;
    }

    /** A clock the test moves on, so that an execution ends without waiting for it. */
    private static final class MovingClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
