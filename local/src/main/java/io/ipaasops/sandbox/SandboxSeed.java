package io.ipaasops.sandbox;

import static io.ipaasops.sandbox.PrismaticState.id;
import static io.ipaasops.sandbox.PrismaticState.map;

import io.ipaasops.sandbox.IntegrationDefinition.ConfigVar;
import io.ipaasops.sandbox.IntegrationDefinition.Flow;
import io.ipaasops.sandbox.IntegrationDefinition.Trigger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo data a fresh sandbox starts with: three customers with users, three integrations with their published
 * versions, four instances, components with their actions, one past execution.
 */
final class SandboxSeed {

    /** The sandbox's tenant. */
    static final String TENANT = "00000000-0000-4000-8000-00000000a11e";
    /** Instance id of Globex's Salesforce Sync, which needs a deploy. */
    static final String GLOBEX_SYNC = id("Instance", "globex-salesforce-sync");
    /** Integration id of Slack Alerts, which has unpublished changes. */
    static final String SLACK_ALERTS = id("Integration", "slack-alerts");
    /** Integration id of Salesforce Sync. */
    static final String SALESFORCE_SYNC = id("Integration", "salesforce-sync");
    /** The customer the system's own (test) instances belong to. */
    static final String SYSTEM_CUSTOMER = id("Customer", "system");

    private SandboxSeed() {
    }

    static void prismatic(PrismaticState state) {
        Customers customers = new Customers(state);
        customers.add("acme", "Acme Corp", "Manufacturing, EU", "acme", List.of("eu", "enterprise"));
        customers.add("globex", "Globex", "Energy, US", "globex", List.of("us"));
        customers.add("initech", "Initech", "Software, US", "initech", List.of("us", "trial"));
        customers.add("system", "Prismatic System", "", "system", List.of()).put("_system", true);
        state.customerRoles.add(map("id", id("Role", "customer-admin"), "name", "Admin",
                "description", "Manages the customer's users, instances and connections"));
        state.customerRoles.add(map("id", id("Role", "customer-member"), "name", "Member",
                "description", "Views the customer's instances and their logs"));
        user(state, "acme-ada", "Ada Admin", "ada@acme.example", "acme", 0);
        user(state, "globex-gil", "Gil Member", "gil@globex.example", "globex", 1);

        Integrations integrations = new Integrations(state);
        Map<String, Object> sync = integration(integrations, "salesforce-sync", "Salesforce Sync",
                "Keeps accounts and contacts in step with Salesforce", "CRM", 3, List.of("Sync Accounts",
                        "Sync Contacts"), List.of(new ConfigVar("Salesforce Connection", "CONNECTION", null,
                        "OAuth connection to Salesforce"), new ConfigVar("Sync Interval", "STRING", "15",
                        "Minutes between syncs")));
        Map<String, Object> slack = integration(integrations, "slack-alerts", "Slack Alerts",
                "Posts alerts to Slack", "Communication", 1, List.of("Notify Channel"),
                List.of(new ConfigVar("Slack Connection", "CONNECTION", null, "Slack bot token")));
        slack.put("hasUnpublishedChanges", true);
        Map<String, Object> erp = integration(integrations, "erp-orders", "ERP Orders", "Sends orders to the ERP",
                "ERP", 2, List.of("Send Order"), List.of());
        for (Map<String, Object> record : state.integrations.values()) {
            if (erp.get("versionSequenceId").equals(record.get("versionSequenceId"))) {
                record.put("marketplaceConfiguration", "AVAILABLE_AND_DEPLOYABLE");
            }
        }

        String connection = "[{\"name\":\"token\",\"type\":\"value\",\"value\":\"sandbox\"}]";
        instance(state, "acme-salesforce-sync", "Acme - Salesforce Sync", "acme", version("salesforce-sync", 3), 3,
                Map.of("Salesforce Connection", connection));
        // Moved to version 3 and not deployed since: its configuration changed, so it needs a deploy.
        instance(state, "globex-salesforce-sync", "Globex - Salesforce Sync", "globex", version("salesforce-sync", 3), 2,
                Map.of("Salesforce Connection", connection)).put("needsDeploy", true);
        instance(state, "initech-slack-alerts", "Initech - Slack Alerts", "initech", version("slack-alerts", 1), 0, Map.of());
        instance(state, "acme-erp-orders", "Acme - ERP Orders", "acme", version("erp-orders", 2), 2, Map.of())
                .put("enabled", false);

        String run = id("InstanceExecutionResult", "seed-run-1");
        Map<String, Object> acmeSync = state.integrations.get(version("salesforce-sync", 3));
        state.executions.put(run, map("id", run, "startedAt", ago(state, 3600), "endedAt", ago(state, 3598),
                "status", "SUCCESS", "error", null, "invokeType", "SCHEDULED", "resultType", "COMPLETED",
                "isTestExecution", false, "stepCount", 5, "_instance", id("Instance", "acme-salesforce-sync"),
                "_flow", state.flows(acmeSync).get(0).get("id"), "_integration", acmeSync.get("id"),
                "_results", List.of()));

        component(state, "webhook-triggers", "Webhook", "Start a flow with an HTTP request", "Triggers", 5,
                List.of(trigger("webhook", "Webhook", "VALID")));
        component(state, "schedule-triggers", "Schedule", "Start a flow on a schedule", "Triggers", 4,
                List.of(trigger("schedule", "Schedule", "REQUIRED")));
        component(state, "http", "HTTP", "Make HTTP requests", "Application Connectors", 12,
                List.of(action("httpGet", "GET Request"), action("httpPost", "POST Request")));
        component(state, "salesforce", "Salesforce", "Query and manage Salesforce records", "Application Connectors",
                48, List.of(action("query", "Query Records"), dataSource("selectRecordType", "Select Record Type")));
        component(state, "slack", "Slack", "Send messages to Slack", "Application Connectors", 30,
                List.of(action("postMessage", "Post Message"), dataSource("selectChannel", "Select Channel")));
        component(state, "code", "Code Block", "Run custom JavaScript", "Logic", 9,
                List.of(action("runCode", "Run Code")));
    }

    /** {@code count} more instances of Salesforce Sync version 3, deployed, for benchmarks. */
    static void moreInstances(PrismaticState state, int count) {
        String[] customers = {"acme", "globex", "initech"};
        for (int i = 1; i <= count; i++) {
            instance(state, "bench-" + i, "Bench Instance " + i, customers[i % customers.length],
                    version("salesforce-sync", 3), 3, Map.of());
        }
    }

    /** A draft with its flows and config variables, published {@code versions} times (version ids by number). */
    private static Map<String, Object> integration(Integrations integrations, String key, String name,
                                                   String description, String category, int versions,
                                                   List<String> flows, List<ConfigVar> vars) {
        Map<String, Object> draft = integrations.newDraft(key, name, description);
        draft.put("category", category);
        draft.put("_configVars", new ArrayList<>(vars));
        for (String flow : flows) {
            integrations.addFlow(draft, new Flow(flow, null, null, List.of(), Trigger.WEBHOOK));
        }
        for (int n = 1; n <= versions; n++) {
            integrations.snapshot(draft, key + "-v" + n, n, "Version " + n, null);
        }
        draft.put("versionNumber", versions);
        draft.put("versionComment", "Version " + versions);
        draft.put("versionIsAvailable", versions > 0);
        draft.put("hasUnpublishedChanges", false);
        return draft;
    }

    /** The id of a seeded integration's published version {@code number}. */
    private static String version(String key, int number) {
        return id("Integration", key + "-v" + number);
    }

    private static Map<String, Object> instance(PrismaticState state, String key, String name, String customer,
                                                String versionId, int deployed, Map<String, String> config) {
        Map<String, Object> version = state.integrations.get(versionId);
        Map<String, Object> instance = Instances.newInstance(state, id("Instance", key), name,
                id("Customer", customer), version, false);
        if (!config.isEmpty()) {
            Instances.setConfig(instance, config.entrySet().stream().map(e -> map("key", e.getKey(),
                    "value", e.getValue())).toList(), version);
        }
        instance.put("deployedVersion", deployed);
        instance.put("needsDeploy", deployed == 0);
        instance.put("lastDeployedAt", deployed > 0 ? ago(state, 86400) : null);
        return instance;
    }

    private static void user(PrismaticState state, String key, String name, String email, String customer,
                             int role) {
        String id = id("User", key);
        state.users.put(id, map("id", id, "name", name, "email", email, "externalId", null, "tenantId", TENANT,
                "role", state.customerRoles.get(role), "org", null, "phone", "", "darkMode", false,
                "darkModeSyncWithOs", true, "_customer", id("Customer", customer)));
    }

    private static Map<String, Object> trigger(String key, String label, String scheduleSupport) {
        Map<String, Object> action = action(key, label);
        action.put("isTrigger", true);
        action.put("scheduleSupport", scheduleSupport);
        return action;
    }

    private static Map<String, Object> dataSource(String key, String label) {
        Map<String, Object> action = action(key, label);
        action.put("isDataSource", true);
        action.put("dataSourceType", "PICKLIST");
        return action;
    }

    private static Map<String, Object> action(String key, String label) {
        return map("key", key, "label", label, "description", label + " (sandbox)", "isTrigger", false,
                "isDataSource", false, "isPollingTrigger", false, "scheduleSupport", "VALID",
                "dataSourceType", null, "detailDataSource", null);
    }

    private static void component(PrismaticState state, String key, String label, String description,
                                  String category, int version, List<Map<String, Object>> actions) {
        String id = id("Component", key);
        for (Map<String, Object> action : actions) {
            action.put("id", id("Action", key + "/" + action.get("key")));
            action.put("_component", id);
        }
        state.components.put(id, map("id", id, "key", key, "public", true, "label", label,
                "description", description, "versionNumber", version, "category", category,
                "versionCreatedAt", state.now(), "_customer", null, "_actions", actions));
    }

    private static String ago(PrismaticState state, long seconds) {
        return state.instant().minus(Duration.ofSeconds(seconds)).toString();
    }
}
