package io.ipaasops.sandbox;

import static io.ipaasops.sandbox.PrismaticState.id;
import static io.ipaasops.sandbox.PrismaticState.map;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The demo data a fresh sandbox starts with: three customers, three integrations, four instances, components. */
final class SandboxSeed {

    /** Instance id of Globex's Salesforce Sync, which needs a deploy. */
    static final String GLOBEX_SYNC = id("Instance", "globex-salesforce-sync");
    /** Integration id of Slack Alerts, which has unpublished changes. */
    static final String SLACK_ALERTS = id("Integration", "slack-alerts");
    /** Integration id of Salesforce Sync. */
    static final String SALESFORCE_SYNC = id("Integration", "salesforce-sync");

    private SandboxSeed() {
    }

    static void prismatic(PrismaticState state) {
        customer(state, "acme", "Acme Corp", "Manufacturing, EU", List.of("eu", "enterprise"));
        customer(state, "globex", "Globex", "Energy, US", List.of("us"));
        customer(state, "initech", "Initech", "Software, US", List.of("us", "trial"));
        customer(state, "system", "Prismatic System", "", List.of()).put("_system", true);

        Map<String, Object> sync = integration(state, "salesforce-sync", "Salesforce Sync",
                "Keeps accounts and contacts in step with Salesforce", "CRM", 3);
        state.addFlow(sync, "Sync Accounts");
        state.addFlow(sync, "Sync Contacts");
        Map<String, Object> slack = integration(state, "slack-alerts", "Slack Alerts", "Posts alerts to Slack",
                "Communication", 1);
        slack.put("hasUnpublishedChanges", true);
        state.addFlow(slack, "Notify Channel");
        Map<String, Object> erp = integration(state, "erp-orders", "ERP Orders", "Sends orders to the ERP", "ERP", 2);
        erp.put("marketplaceConfiguration", "AVAILABLE_AND_DEPLOYABLE");
        state.addFlow(erp, "Send Order");

        instance(state, "acme-salesforce-sync", "Acme - Salesforce Sync", "acme", sync, 3, true);
        instance(state, "globex-salesforce-sync", "Globex - Salesforce Sync", "globex", sync, 2, true);
        instance(state, "initech-slack-alerts", "Initech - Slack Alerts", "initech", slack, 0, true);
        instance(state, "acme-erp-orders", "Acme - ERP Orders", "acme", erp, 2, false);

        String run = id("InstanceExecutionResult", "seed-run-1");
        state.executions.put(run, map("id", run, "startedAt", ago(state, 3600), "endedAt", ago(state, 3598),
                "status", "SUCCESS", "error", null, "invokeType", "SCHEDULED", "resultType", "COMPLETED",
                "isTestExecution", false, "stepCount", 5, "_instance", id("Instance", "acme-salesforce-sync"),
                "_flow", state.flows(sync).get(0).get("id"), "_integration", sync.get("id")));

        component(state, "http", "HTTP", "Make HTTP requests", "Application Connectors", 12);
        component(state, "salesforce", "Salesforce", "Query and manage Salesforce records", "Application Connectors",
                48);
        component(state, "slack", "Slack", "Send messages to Slack", "Application Connectors", 30);
        component(state, "code", "Code Block", "Run custom JavaScript", "Logic", 9);
    }

    static Map<String, Object> integration(PrismaticState state, String key, String name, String description,
                                           String category, int version) {
        String id = id("Integration", key);
        Map<String, Object> integration = map("id", id, "name", name, "description", description,
                "category", category, "labels", new ArrayList<>(List.of()), "versionNumber", version,
                "versionComment", version > 0 ? "Version " + version : null, "versionIsAvailable", version > 0,
                "versionIsLatest", true, "versionSequenceId", java.util.UUID.nameUUIDFromBytes(key.getBytes()).toString(),
                "hasUnpublishedChanges", false, "isCodeNative", false,
                "marketplaceConfiguration", "NOT_AVAILABLE_IN_MARKETPLACE", "updatedAt", state.now(),
                "_createdAt", state.now(), "_customer", null, "_flows", new ArrayList<>(),
                "_definition", "name: " + name + "\ndescription: " + description + "\n");
        state.integrations.put(id, integration);
        return integration;
    }

    private static Map<String, Object> customer(PrismaticState state, String key, String name, String description,
                                                List<String> labels) {
        String id = id("Customer", key);
        Map<String, Object> customer = map("id", id, "name", name, "description", description, "externalId", key,
                "labels", labels, "avatarUrl", null, "createdAt", state.now(), "updatedAt", state.now(),
                "_system", false);
        state.customers.put(id, customer);
        return customer;
    }

    private static void instance(PrismaticState state, String key, String name, String customer,
                                 Map<String, Object> integration, int deployed, boolean enabled) {
        String id = id("Instance", key);
        state.instances.put(id, map("id", id, "name", name, "description", "", "enabled", enabled,
                "deployedVersion", deployed, "needsDeploy", deployed < (Integer) integration.get("versionNumber"),
                "configState", deployed > 0 ? "FULLY_CONFIGURED" : "NEEDS_INSTANCE_CONFIGURATION",
                "inFailedState", false, "labels", List.of(), "lastDeployedAt", deployed > 0 ? ago(state, 86400) : null,
                "lastExecutedAt", null, "updatedAt", state.now(), "_createdAt", state.now(), "_system", false,
                "_customer", id("Customer", customer), "_integration", integration.get("id")));
    }

    private static void component(PrismaticState state, String key, String label, String description,
                                  String category, int version) {
        String id = id("Component", key);
        state.components.put(id, map("id", id, "key", key, "public", true, "label", label,
                "description", description, "versionNumber", version, "category", category,
                "versionCreatedAt", state.now(), "_customer", null));
    }

    private static String ago(PrismaticState state, long seconds) {
        return state.instant().minus(Duration.ofSeconds(seconds)).toString();
    }
}
