package io.ipaasops.sandbox;

import static io.ipaasops.sandbox.PrismaticState.id;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An example input for every action, naming objects the sandbox is seeded with, for {@code GET /} and the README;
 * GitHub's read a public repository on GitHub itself (the sandbox does not stand in for GitHub).
 */
public final class SandboxExamples {

    private SandboxExamples() {
    }

    /** Action name to example JSON input. */
    public static Map<String, String> all() {
        String sync = SandboxSeed.SALESFORCE_SYNC;
        String flow = id("IntegrationFlow", sync + "/sync-accounts");
        Map<String, String> examples = new LinkedHashMap<>();
        examples.put("deploy-instance", "{\"instanceId\":\"" + SandboxSeed.GLOBEX_SYNC + "\"}");
        examples.put("disable-instance", "{\"instanceId\":\"" + id("Instance", "initech-slack-alerts") + "\"}");
        examples.put("get-current-user", "{}");
        examples.put("get-customer", "{\"customerId\":\"" + id("Customer", "acme") + "\"}");
        examples.put("get-execution", "{\"executionId\":\"" + id("InstanceExecutionResult", "seed-run-1") + "\"}");
        examples.put("get-instance", "{\"instanceId\":\"" + SandboxSeed.GLOBEX_SYNC + "\"}");
        examples.put("get-integration", "{\"integrationId\":\"" + sync + "\"}");
        // Import and update-integration change Slack Alerts, the integration both publish examples (here and in the
        // README) publish, so that pasting them in order, and again, always has changes to publish (decision 0018).
        examples.put("import-integration", "{\"integrationId\":\"" + SandboxSeed.SLACK_ALERTS + "\",\"definition\":"
                + "\"name: Slack Alerts\\ndescription: Posts alerts and a daily digest to Slack\\nflows:\\n"
                + "  - name: Notify Channel\\n    steps:\\n      - name: Post Message\\n  - name: Daily Digest\\n\"}");
        examples.put("list-components", "{\"first\":10}");
        examples.put("list-customers", "{\"labelContains\":\"us\"}");
        examples.put("list-flows", "{\"integrationId\":\"" + sync + "\"}");
        examples.put("list-instances", "{\"needsDeploy\":true,\"all\":true}");
        examples.put("list-integrations", "{\"hasUnpublishedChanges\":true}");
        examples.put("publish-integration-version", "{\"integrationId\":\"" + SandboxSeed.SLACK_ALERTS
                + "\",\"comments\":\"Release 2\"}");
        examples.put("raw-graphql-request", "{\"query\":\"query { authenticatedUser { name tenantId } }\"}");
        examples.put("test-flow", "{\"flowId\":\"" + flow + "\",\"payload\":\"{}\",\"waitForResult\":true}");
        examples.put("update-instance", "{\"instanceId\":\"" + SandboxSeed.GLOBEX_SYNC + "\",\"description\":\"EU\"}");
        examples.put("update-integration", "{\"integrationId\":\"" + SandboxSeed.SLACK_ALERTS
                + "\",\"description\":\"Alerts and digests\"}");
        examples.put("move-instance-to-version", "{\"instanceId\":\"" + SandboxSeed.GLOBEX_SYNC
                + "\",\"versionId\":\"" + sync + "\"}");
        examples.put("plan-rollout", "{\"versionSequenceId\":\""
                + java.util.UUID.nameUUIDFromBytes("salesforce-sync".getBytes()) + "\",\"canaryLabel\":\"eu\"}");
        examples.put("plan-release", "{\"integrationId\":\"" + sync + "\",\"definition\":\"name: Salesforce Sync\\n\","
                + "\"commit\":{\"hash\":\"9f1c2ab\"},\"rollout\":{\"canaryLabel\":\"eu\"}}");
        examples.put("plan-fleet", "{\"maxConcurrency\":5}");
        examples.put("summarize-rollout", "{\"canary\":[{\"instanceId\":\"" + SandboxSeed.GLOBEX_SYNC
                + "\",\"status\":\"deployed\"}]}");
        examples.put("get-connector", "{\"connectorId\":\"" + VersoriSandbox.SHOPIFY + "\"}");
        examples.put("list-connectors", "{\"all\":true}");
        examples.put("update-connector", "{\"connectorId\":\"" + VersoriSandbox.SHOPIFY
                + "\",\"connectionVariables\":[{\"name\":\"shop\",\"value\":\"acme-eu\"}]}");
        examples.put("get-connection", "{\"connectorId\":\"" + VersoriSandbox.SHOPIFY + "\",\"connectionId\":\""
                + VersoriSandbox.SHOPIFY_PRODUCTION + "\"}");
        examples.put("list-connections", "{\"connectorId\":\"" + VersoriSandbox.SHOPIFY + "\"}");
        examples.put("update-connection", "{\"connectorId\":\"" + VersoriSandbox.SHOPIFY + "\",\"connectionId\":\""
                + VersoriSandbox.SHOPIFY_PRODUCTION + "\",\"name\":\"production-eu\"}");
        examples.put("get-github-file", "{\"repository\":\"" + GitHubContents.REPOSITORY
                + "\",\"path\":\"salesforce-sync.yml\",\"ref\":\"" + GitHubContents.COMMIT + "\"}");
        // A ping, as GitHub sends one when the webhook is created: it starts nothing.
        examples.put("github-push", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}");
        return examples;
    }
}
