package io.ipaasops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.testing.JsonAssert;
import io.ipaasops.sandbox.Sandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pipeline a platform team runs on a git push, against the sandbox through the local host, the way Prismatic
 * works: import the new definition, publish it (a new version, with an id of its own), move each instance to that
 * version (which is a configuration change, so it needs a deploy), deploy each, and test a flow to the end.
 */
class PipelineStoryTest {

    private static final String SYNC = "SW50ZWdyYXRpb246c2FsZXNmb3JjZS1zeW5j";
    private static final String MOVE = "mutation($id: ID!, $version: ID!) { updateInstance(input: {id: $id,"
            + " integration: $version}) { instance { id needsDeploy integration { id versionNumber } } errors { field"
            + " messages } } }";

    @Test
    @SuppressWarnings("unchecked")
    void importPublishMoveDeployEachAndTestAFlow() throws Exception {
        try (HostClient host = new HostClient(Sandbox.Faults.NONE)) {
            // GIVEN Salesforce Sync at version 3, one of its two instances already on it
            Map<String, Object> before = host.run("get-integration", "{\"integrationId\":\"" + SYNC + "\"}");
            assertEquals(3, before.get("versionNumber"));
            assertEquals(false, before.get("hasUnpublishedChanges"));
            String sequence = (String) before.get("versionSequenceId");
            Map<String, Object> ofSequence = (Map<String, Object>) host.run("raw-graphql-request",
                    "{\"query\":\"query($s: UUID) { instances(integration_VersionSequenceId: $s, isSystem: false)"
                    + " { nodes { id deployedVersion needsDeploy } } }\",\"variables\":{\"s\":\"" + sequence + "\"}}")
                    .get("instances");
            List<Map<String, Object>> instances = (List<Map<String, Object>>) ofSequence.get("nodes");
            assertEquals(2, instances.size());

            // WHEN a new definition is imported: unpublished changes, flows as the YAML says
            Map<String, Object> imported = host.run("import-integration", "{\"integrationId\":\"" + SYNC
                    + "\",\"definition\":\"name: Salesforce Sync\\ndescription: Adds leads\\nflows:\\n"
                    + "  - name: Sync Accounts\\n  - name: Sync Leads\\n\"}");
            assertEquals(true, imported.get("hasUnpublishedChanges"));
            assertEquals("Adds leads", imported.get("description"));
            List<Map<String, Object>> flows = (List<Map<String, Object>>) host.run("list-flows",
                    "{\"integrationId\":\"" + SYNC + "\",\"all\":true}").get("nodes");
            assertEquals(List.of("Sync Accounts", "Sync Leads"), flows.stream().map(f -> f.get("name")).toList());

            // AND it is published: version 4, a record of its own, nothing unpublished
            Map<String, Object> published = host.run("publish-integration-version", "{\"integrationId\":\"" + SYNC
                    + "\",\"comments\":\"Leads\"}");
            assertEquals(4, published.get("versionNumber"));
            assertEquals("Leads", published.get("versionComment"));
            assertEquals(false, published.get("hasUnpublishedChanges"));
            assertNotEquals(SYNC, published.get("id"));

            // THEN publishing changed no instance: the one on version 3 needs nothing
            Map<String, Object> acme = host.run("get-instance", "{\"instanceId\":\"" + instances.get(0).get("id")
                    + "\"}");
            assertEquals(3, acme.get("deployedVersion"));
            assertEquals(false, acme.get("needsDeploy"));

            // WHEN each instance is moved to version 4 THEN each needs a deploy
            for (Map<String, Object> instance : instances) {
                host.run("raw-graphql-request", "{\"query\":\"" + MOVE + "\",\"variables\":{\"id\":\""
                        + instance.get("id") + "\",\"version\":\"" + published.get("id") + "\"}}");
            }
            List<Map<String, Object>> needing = (List<Map<String, Object>>) host.run("list-instances",
                    "{\"needsDeploy\":true,\"integration\":\"" + published.get("id") + "\",\"all\":true}")
                    .get("nodes");
            assertEquals(2, needing.size());

            // WHEN each is deployed THEN it runs version 4 and needs nothing more
            for (Map<String, Object> instance : needing) {
                Map<String, Object> deployed = host.run("deploy-instance", "{\"instanceId\":\"" + instance.get("id")
                        + "\"}");
                assertEquals(4, deployed.get("deployedVersion"));
                assertEquals(false, deployed.get("needsDeploy"));
                assertTrue(deployed.get("lastDeployedAt") != null);
            }
            assertEquals(0, ((List<?>) host.run("list-instances", "{\"needsDeploy\":true,\"integration\":\""
                    + published.get("id") + "\"}").get("nodes")).size());

            // AND a test of the new flow runs to the end
            Map<String, Object> test = host.run("test-flow", "{\"flowId\":\"" + flows.get(1).get("id")
                    + "\",\"payload\":\"{\\\"lead\\\":42}\",\"waitForResult\":true}");
            assertEquals(true, test.get("finished"));
            assertEquals("SUCCESS", ((Map<String, Object>) test.get("execution")).get("status"));
            Map<String, Object> execution = host.run("get-execution", "{\"executionId\":\"" + test.get("executionId")
                    + "\"}");
            assertEquals("Sync Leads", ((Map<String, Object>) execution.get("flow")).get("name"));
            assertFalse(execution.get("endedAt") == null);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void failingTestRunEndsInErrorAndPublishingNothingIsRefused() throws Exception {
        try (HostClient host = new HostClient(Sandbox.Faults.NONE)) {
            List<Map<String, Object>> flows = (List<Map<String, Object>>) host.run("list-flows",
                    "{\"integrationId\":\"" + SYNC + "\"}").get("nodes");
            Map<String, Object> test = host.run("test-flow", "{\"flowId\":\"" + flows.get(0).get("id")
                    + "\",\"payload\":\"{\\\"fail\\\":true}\",\"waitForResult\":true}");
            HostClient.Answer nothing = host.post("/prismatic/publish-integration-version",
                    "{\"integrationId\":\"" + SYNC + "\"}");

            assertEquals("ERROR", ((Map<String, Object>) test.get("execution")).get("status"));
            // a refusal that names no field is not invalid input: the platform refuses in the state it is in
            assertEquals(409, nothing.status());
            JsonAssert.assertContains("{\"error\":{\"type\":\"conflict\",\"fields\":[{\"field\":\"__all__\"}]}}",
                    nothing.body());
        }
    }
}
