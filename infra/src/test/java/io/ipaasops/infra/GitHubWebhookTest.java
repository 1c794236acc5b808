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
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachine;

/** GitHub's push webhook in the stack: its watches from the config, and the two state machines it may start. */
class GitHubWebhookTest {

    private static final String RELEASE = "arn:aws:states:eu-west-1:123456789012:stateMachine:ipaas-release";
    private static final String SYNC = "arn:aws:states:eu-west-1:123456789012:stateMachine:ipaas-sync-connector";
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
    void theWebhookMayStartExactlyTheTwoStateMachinesItIsGivenAndKnowsTheirArns() throws Exception {
        // GIVEN the stack with watches, and the workflows' state machines handed to the webhook
        App app = IpaasOpsApp.app(null);
        IpaasOpsStack stack = stack(app, WATCHES);
        IStateMachine release = StateMachine.fromStateMachineArn(stack, "Release", RELEASE);
        IStateMachine sync = StateMachine.fromStateMachineArn(stack, "SyncConnector", SYNC);
        stack.githubWebhook().useStateMachines(release, sync);

        // WHEN it is synthesized
        Template template = Template.fromStack(stack);

        // THEN only StartExecution, only on those two, and the function has their ARNs and the watches
        assertEquals(List.of(Map.of("Action", "states:StartExecution", "Effect", "Allow", "Resource", RELEASE),
                Map.of("Action", "states:StartExecution", "Effect", "Allow", "Resource", SYNC)),
                statements(template, "states:"));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.ipaasops.functions.github.GitHubPushFunction",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "RELEASE_STATE_MACHINE_ARN", RELEASE, "SYNC_CONNECTOR_STATE_MACHINE_ARN", SYNC,
                        "IPAAS_RELEASES", Match.stringLikeRegexp("^\\[\\{\"repository\":\"octo-org/integrations\".*"
                                + "\"rollout\":\\{\"batchSize\":5\\}\\}\\]$"),
                        "IPAAS_CONNECTOR_SYNCS",
                        Match.stringLikeRegexp(".*\"connectorId\":\"01J9Z3K5Q7XW2M8N\".*")))))));
        assertEquals(List.of(), Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                .stream().map(e -> e.getId() + ": " + e.getEntry().getData()).toList());
    }

    @Test
    void watchesWithoutStateMachinesRefuseToSynthesize() throws Exception {
        App app = IpaasOpsApp.app(null);
        stack(app, WATCHES);

        RuntimeException e = assertThrows(RuntimeException.class, app::synth);

        assertTrue(e.getMessage().contains("GitHubWebhook.useStateMachines"), e.getMessage());
    }

    @Test
    void aWatchWithoutItsIntegrationIsRefusedWhenTheConfigIsRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stack(IpaasOpsApp.app(null),
                "\"releases\": [{\"repository\": \"a/b\", \"branch\": \"main\", \"path\": \"x.yaml\"}],"
                        + " \"connectorSyncs\": []"));

        assertEquals("releases[0].integrationId is required", e.getMessage());
    }
}
