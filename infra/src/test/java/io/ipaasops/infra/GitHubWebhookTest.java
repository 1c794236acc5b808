package io.ipaasops.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** GitHub's push webhook in the stack: its watches from the config, and the two state machines it may start. */
class GitHubWebhookTest {

    private static final String WATCHES = """
              "releases": [{"repository": "octo-org/integrations", "branch": "main",
                            "path": "integrations/salesforce-sync/integration.yaml",
                            "integrationId": "SW50ZWdyYXRpb246c2FsZXNmb3JjZS1zeW5j", "rollout": {"batchSize": 5}}],
              "connectorSyncs": [{"repository": "octo-org/integrations", "branch": "main",
                                  "path": "connectors/shopify/connector.yaml", "connectorId": "01J9Z3K5Q7XW2M8N"}]""";

    @TempDir
    Path work;

    /** A stack built from infra/ipaas-ops.json with its watch lists replaced by {@code watches}. */
    private IpaasOpsStack stack(App app, String watches) throws Exception {
        String config = Files.readString(IpaasOpsApp.home().resolve("ipaas-ops.json"));
        String edited = config.replaceFirst("(?s)\"releases\": \\[\\],\\s*\"connectorSyncs\": \\[\\]", watches);
        assertTrue(!edited.equals(config), "ipaas-ops.json has its empty watch lists");
        Path file = work.resolve("ipaas-ops.json");
        Files.writeString(file, edited);
        app.getNode().setContext("config", file.toAbsolutePath().toString());
        return IpaasOpsApp.build(app);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Template template, String action) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Object policy : template.findResources("AWS::IAM::Policy").values()) {
            Map<String, Object> document = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) policy)
                    .get("Properties")).get("PolicyDocument");
            for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                if (String.valueOf(statement.get("Action")).contains(action)) {
                    found.add(statement);
                }
            }
        }
        return found;
    }

    @Test
    void theWebhookMayStartExactlyTheReleaseAndSyncConnectorMachinesAndKnowsTheirArns() throws Exception {
        // GIVEN the stack with watches: it hands its release and sync-connector state machines to the webhook
        App app = IpaasOpsApp.app(null);
        IpaasOpsStack stack = stack(app, WATCHES);
        String release = stack.getLogicalId((software.amazon.awscdk.CfnElement) stack.workflows()
                .machine(io.ipaasops.workflows.Workflow.RELEASE).getNode().getDefaultChild());
        String sync = stack.getLogicalId((software.amazon.awscdk.CfnElement) stack.workflows()
                .machine(io.ipaasops.workflows.Workflow.SYNC_CONNECTOR).getNode().getDefaultChild());

        // WHEN it is synthesized
        Template template = Template.fromStack(stack);

        // THEN the push function may start exactly those two, knows their ARNs and gets the watches
        Map<String, Object> push = template.findResources("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("Handler", "io.ipaasops.functions.github.GitHubPushFunction")))))
                .values().iterator().next();
        String function = String.valueOf(push);
        assertTrue(function.contains("RELEASE_STATE_MACHINE_ARN={Ref=" + release + "}"), function);
        assertTrue(function.contains("SYNC_CONNECTOR_STATE_MACHINE_ARN={Ref=" + sync + "}"), function);
        String role = String.valueOf(((List<?>) ((Map<?, ?>) ((Map<?, ?>) push.get("Properties")).get("Role"))
                .get("Fn::GetAtt")).get(0));
        List<Object> starts = new ArrayList<>();
        for (Object policy : template.findResources("AWS::IAM::Policy", Match.objectLike(Map.of("Properties",
                Match.objectLike(Map.of("Roles", List.of(Map.of("Ref", role))))))).values()) {
            String text = String.valueOf(policy);
            for (String machine : List.of(release, sync, "WorkflowsDeployFleet", "WorkflowsNightlyTests")) {
                if (text.contains("Ref=" + machine)) {
                    starts.add(machine);
                }
            }
        }
        assertEquals(List.of(release, sync), starts, "the push function may start these two and no other");
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.ipaasops.functions.github.GitHubPushFunction",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "IPAAS_RELEASES", Match.stringLikeRegexp("^\\[\\{\"repository\":\"octo-org/integrations\".*"
                                + "\"rollout\":\\{\"batchSize\":5\\}\\}\\]$"),
                        "IPAAS_CONNECTOR_SYNCS",
                        Match.stringLikeRegexp(".*\"connectorId\":\"01J9Z3K5Q7XW2M8N\".*")))))));
        assertEquals(List.of(), Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                .stream().map(e -> e.getId() + ": " + e.getEntry().getData()).toList());
    }

    @Test
    void aWatchWithoutItsIntegrationIsRefusedWhenTheConfigIsRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stack(IpaasOpsApp.app(null),
                "\"releases\": [{\"repository\": \"a/b\", \"branch\": \"main\", \"path\": \"x.yaml\"}],"
                        + " \"connectorSyncs\": []"));

        assertEquals("releases[0].integrationId is required", e.getMessage());
    }
}
