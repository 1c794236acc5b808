package io.ipaasops.local.workflows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipaasops.workflows.Workflow;
import io.ipaasops.local.HostAccess;
import io.ipaasops.sandbox.Sandbox;
import io.micronaut.json.JsonMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every workflow end to end, offline: its own definition (the one the stack deploys) on an independent ASL
 * interpreter, each Task answered by the local function host on the built-in sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalWorkflowsTest {

    private static final String SYNC = "SW50ZWdyYXRpb246c2FsZXNmb3JjZS1zeW5j";
    /** Globex's instance of Salesforce Sync (the sandbox's seed). */
    private static final String GLOBEX_SYNC = java.util.Base64.getEncoder().encodeToString(
            "Instance:globex-salesforce-sync".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private HostAccess host;
    private LocalEngine engine;
    private String syncFlow;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start() throws Exception {
        Optional<String> missing = LocalEngine.unavailable();
        if (missing.isPresent()) {
            System.err.println("SKIPPED: the workflow tests need Node.js: " + missing.get());
        }
        assumeTrue(missing.isEmpty(), "Node.js is needed for the local workflow engine");
        System.setProperty("ipaas.engine.dir", Path.of("target", "engine").toAbsolutePath().toString());
        host = HostAccess.start(Sandbox.Faults.NONE);
        engine = new LocalEngine(Path.of("target", "engine"), JsonMapper.createDefault(), host.s3Url());
        syncFlow = String.valueOf(((List<Map<String, Object>>) host.run("list-flows",
                "{\"integrationId\":\"" + SYNC + "\"}").get("nodes")).get(0).get("id"));
    }

    @Test
    void theLocalHostRunsAWorkflowToTheEndOnceByNameAndShowsItAfterwards() throws Exception {
        Map<String, String> named = Map.of("X-Execution-Name", "nightly-" + UUID.randomUUID());

        Map.Entry<Integer, String> first = host.post("/workflows/nightly-tests",
                "{\"testFlows\":[\"" + syncFlow + "\"]}", named);
        Map.Entry<Integer, String> again = host.post("/workflows/nightly-tests", "{\"testFlows\":[]}", named);
        Map.Entry<Integer, String> shown = host.get("/workflows/executions/" + named.get("X-Execution-Name"));
        Map.Entry<Integer, String> unknown = host.post("/workflows/nope", "{}", Map.of());

        assertEquals(200, first.getKey(), first.getValue());
        io.ipaasops.testing.JsonAssert.assertContains("{\"status\":\"SUCCEEDED\",\"workflow\":\"nightly-tests\","
                + "\"output\":{\"overall\":\"SUCCEEDED\"}}", first.getValue());
        assertEquals(first.getValue(), again.getValue(), "the same name runs once");
        assertEquals(first.getValue(), shown.getValue());
        assertEquals(404, unknown.getKey());
    }

    @AfterAll
    void stop() {
        System.clearProperty("ipaas.engine.dir");
        if (host != null) {
            host.close();
        }
    }

    private LocalEngine.Outcome run(Workflow workflow, Map<String, Object> input) throws Exception {
        return engine.run(workflow, input, workflow.id() + "-" + UUID.randomUUID(), host.url());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> report(LocalEngine.Outcome outcome) {
        assertTrue(outcome.succeeded(), () -> outcome.error() + ": " + outcome.cause());
        return (Map<String, Object>) outcome.output();
    }

    @Test
    @SuppressWarnings("unchecked")
    void deployFleetDeploysEveryInstanceThatNeedsItAndReportsEach() throws Exception {
        // GIVEN instances that need a deploy
        List<Object> before = (List<Object>) host.run("list-instances", "{\"needsDeploy\":true,\"all\":true}")
                .get("nodes");
        assertFalse(before.isEmpty());

        // WHEN the fleet is deployed
        Map<String, Object> report = report(run(Workflow.DEPLOY_FLEET, Map.of("maxConcurrency", 2)));

        // THEN each was deployed, the report says so, and none needs a deploy any more
        List<Map<String, Object>> instances = (List<Map<String, Object>>) report.get("instances");
        assertEquals("SUCCEEDED", report.get("overall"), report::toString);
        assertEquals(before.size(), instances.size());
        assertTrue(instances.stream().allMatch(i -> "deployed".equals(i.get("status"))), report::toString);
        assertEquals(List.of(), host.run("list-instances", "{\"needsDeploy\":true,\"all\":true}").get("nodes"));
        // AND the full report is where the answer says, in the workflow bucket, with every instance
        Map<String, Object> location = (Map<String, Object>) report.get("fullReport");
        assertEquals(LocalS3.BUCKET, location.get("bucket"));
        Map<String, Object> full = (Map<String, Object>) io.ipaasops.testing.JsonAssert.parse(host.s3Object(
                LocalS3.BUCKET, String.valueOf(location.get("key"))).orElseThrow());
        assertEquals(before.size(), ((List<?>) full.get("instances")).size());
        assertEquals(Map.of("deployed", before.size(), "upgraded", 0, "failed", 0, "notStarted", 0, "unknown", 0),
                full.get("counts"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFleetDeployThatStopsOnItsFirstFailureReportsWhichInstanceFailedAndWhichWereNotReached() throws Exception {
        // GIVEN an instance that needs a deploy on a version that is no longer available
        Map<String, Object> instance = host.run("get-instance", "{\"instanceId\":\"" + GLOBEX_SYNC + "\"}");
        String version = String.valueOf(((Map<String, Object>) instance.get("integration")).get("id"));
        graphQl("mutation { updateInstance(input: {id: \"" + GLOBEX_SYNC + "\", flowConfigs: []}) { errors { field } } }");
        graphQl(availability(version, false));
        try {
            // WHEN the fleet of that version is deployed, stopping on the first failure
            Map<String, Object> report = report(run(Workflow.DEPLOY_FLEET, Map.of("integration", version,
                    "stopOnFailure", true, "maxConcurrency", 1)));

            // THEN the report says the rollout stopped, and that this instance failed and why
            assertTrue(String.valueOf(report.get("rolloutSkipped")).contains("stopOnFailure"), report::toString);
            Map<String, Object> failed = ((List<Map<String, Object>>) report.get("instances")).stream()
                    .filter(i -> GLOBEX_SYNC.equals(i.get("instanceId"))).findFirst().orElseThrow();
            assertEquals("failed", failed.get("status"), report::toString);
            assertTrue(String.valueOf(failed.get("error")).contains("not available"), failed::toString);
            assertTrue(((List<Map<String, Object>>) report.get("instances")).stream().allMatch(i ->
                    List.of("deployed", "failed", "not_started").contains(i.get("status"))), report::toString);
            assertTrue(!"SUCCEEDED".equals(report.get("overall")));
        } finally {
            graphQl(availability(version, true));
        }
    }

    private static String availability(String version, boolean available) {
        return "mutation { updateIntegrationVersionAvailability(input: {id: \"" + version + "\", available: "
                + available + "}) { errors { field messages } } }";
    }

    private void graphQl(String query) throws Exception {
        host.run("raw-graphql-request", JsonMapper.createDefault().writeValueAsString(Map.of("query", query)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void releaseImportsPublishesWithTheCommitAndMovesAndDeploysEveryInstance() throws Exception {
        Map<String, Object> input = Map.of("integrationId", SYNC,
                "definition", "name: Salesforce Sync\ndescription: Released by the workflow\nflows:\n"
                        + "  - name: Sync Accounts\n",
                "comments", "Release from the workflow test",
                "commit", Map.of("hash", "9f1c2ab", "repoUrl", "https://github.com/acme/integrations"),
                "testFlows", List.of(syncFlow));

        Map<String, Object> report = report(run(Workflow.RELEASE, input));

        // THEN one report: the new version, every instance deployed on it, the test flow's run
        List<Map<String, Object>> instances = (List<Map<String, Object>>) report.get("instances");
        List<Map<String, Object>> tests = (List<Map<String, Object>>) report.get("testFlows");
        assertEquals("SUCCEEDED", report.get("overall"), report::toString);
        assertFalse(instances.isEmpty());
        assertTrue(instances.stream().allMatch(i -> "deployed".equals(i.get("status"))), report::toString);
        assertEquals("SUCCESS", tests.get(0).get("status"));
        Map<String, Object> instance = host.run("get-instance", "{\"instanceId\":\""
                + instances.get(0).get("instanceId") + "\"}");
        assertEquals(report.get("versionNumber"), instance.get("deployedVersion"));
        assertEquals(Boolean.FALSE, instance.get("needsDeploy"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReleaseFromACommitFetchesTheDefinitionThereAndPublishesIt() throws Exception {
        Map<String, Object> report = report(run(Workflow.RELEASE, Map.of("integrationId", SYNC,
                "source", Map.of("repository", Sandbox.GITHUB_REPOSITORY, "path", "salesforce-sync.yml",
                        "ref", Sandbox.GITHUB_COMMIT),
                "commit", Map.of("hash", Sandbox.GITHUB_COMMIT))));

        assertEquals("SUCCEEDED", report.get("overall"), report::toString);
        Map<String, Object> integration = host.run("get-integration", "{\"integrationId\":\"" + SYNC + "\"}");
        assertTrue(String.valueOf(integration.get("description")).contains("released from acme/integrations"),
                integration::toString);
    }

    @Test
    void aReleaseFromAFileThatIsNotThereFailsSayingSoBeforeAnythingChanges() throws Exception {
        LocalEngine.Outcome outcome = run(Workflow.RELEASE, Map.of("integrationId", SYNC, "source", Map.of(
                "repository", Sandbox.GITHUB_REPOSITORY, "path", "nope.yml", "ref", Sandbox.GITHUB_COMMIT)));

        assertEquals("FAILED", outcome.status());
        assertEquals("io.ipaasops.core.NotFoundException", outcome.error());
        assertTrue(outcome.cause().contains("nope.yml"), outcome.cause());
    }

    @Test
    @SuppressWarnings("unchecked")
    void syncConnectorUpdatesTheConnectorFromItsConfigAtTheCommitAndFindsTheVariablesOnEveryConnection()
            throws Exception {
        // GIVEN the Shopify connector, whose two connections have other variables than the config at the commit
        String connector = String.valueOf(((List<Map<String, Object>>) host.run("list-connectors", "{\"all\":true}")
                .get("connectors")).get(0).get("id"));

        // WHEN it is synced from its config
        Map<String, Object> report = report(run(Workflow.SYNC_CONNECTOR, Map.of("connectorId", connector,
                "source", Map.of("repository", Sandbox.GITHUB_REPOSITORY, "path", "connectors/shopify.json",
                        "ref", Sandbox.GITHUB_COMMIT))));

        // THEN the connector is renamed, and each connection, read back, has the config's variables
        assertEquals("Shopify (synced from acme/integrations)", ((Map<String, Object>) report.get("connector"))
                .get("name"), report::toString);
        assertEquals("Shopify (synced from acme/integrations)", host.run("get-connector",
                "{\"connectorId\":\"" + connector + "\"}").get("name"));
        io.ipaasops.testing.JsonAssert.assertContains("{\"overall\":\"SUCCEEDED\",\"failedCount\":0,"
                + "\"variables\":[\"shop\",\"apiVersion\"],\"connections\":[{\"name\":\"production\","
                + "\"status\":\"synced\"},{\"name\":\"staging\",\"status\":\"synced\"}]}",
                JsonMapper.createDefault().writeValueAsString(report));
        assertEquals(2, ((List<?>) report.get("connections")).size(), report::toString);
        // AND the report names variables, never their values
        assertFalse(report.toString().contains("2024-10"), report::toString);
    }

    @Test
    void aReleaseWithBothADefinitionAndASourceFailsNamingTheFieldBeforeAnythingChanges() throws Exception {
        LocalEngine.Outcome outcome = run(Workflow.RELEASE, Map.of("integrationId", SYNC, "definition", "name: x",
                "source", Map.of("repository", "acme/int", "path", "sync.yml", "ref", "main")));

        assertEquals("FAILED", outcome.status());
        assertEquals("io.ipaasops.core.ValidationException", outcome.error());
        assertTrue(outcome.cause().contains("definition"), outcome.cause());
    }

    @Test
    @SuppressWarnings("unchecked")
    void nightlyTestsReportEachFlowAndAlertAndCountOnlyWhenOneFails() throws Exception {
        LocalEngine.Outcome green = run(Workflow.NIGHTLY_TESTS, Map.of("testFlows", List.of(syncFlow)));
        LocalEngine.Outcome red = run(Workflow.NIGHTLY_TESTS, Map.of("testFlows", List.of(syncFlow,
                "SW50ZWdyYXRpb25GbG93Om5vLXN1Y2gtZmxvdw==")));

        assertEquals("SUCCEEDED", report(green).get("overall"));
        assertEquals(List.of(), green.alerts());
        assertEquals("PARTIAL", report(red).get("overall"));
        assertEquals(1, red.alerts().size());
        assertTrue(String.valueOf(((Map<String, Object>) red.alerts().get(0)).get("Message")).contains("NOT_FOUND")
                || String.valueOf(red.alerts().get(0)).contains("not_found"), red.alerts()::toString);
        assertEquals(List.of(0, 1), List.of(metric(green), metric(red)));
    }

    @SuppressWarnings("unchecked")
    private static int metric(LocalEngine.Outcome outcome) {
        Map<String, Object> put = (Map<String, Object>) outcome.metrics().get(0);
        return ((Number) ((List<Map<String, Object>>) put.get("MetricData")).get(0).get("Value")).intValue();
    }
}
