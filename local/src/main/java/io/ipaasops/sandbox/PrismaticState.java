package io.ipaasops.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sandbox Prismatic's data, seeded with a small organization, and its mutations as the platform applies them.
 *
 * <p>Entities are maps keyed by GraphQL field name, so graphql-java reads them directly; keys starting with
 * {@code _} are internal links. Mutations return Prismatic's payload shape, validation problems in {@code errors}.
 * Not thread-safe: {@link PrismaticSandbox} serializes access.</p>
 */
final class PrismaticState {

    /** How long a test execution runs before it ends. */
    static final Duration EXECUTION_TIME = Duration.ofMillis(1500);

    final Map<String, Map<String, Object>> customers = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> integrations = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> instances = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> executions = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> components = new LinkedHashMap<>();
    final Map<String, Object> user;
    private final Clock clock;
    private final String baseUrl;

    PrismaticState(Clock clock, String baseUrl) {
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.user = map("id", id("User", "sandbox-admin"), "name", "Sandbox Admin", "email", "admin@sandbox.local",
                "externalId", null, "tenantId", "00000000-0000-4000-8000-00000000a11e",
                "role", map("id", id("Role", "owner"), "name", "Owner"),
                "org", map("id", id("Organization", "sandbox"), "name", "Sandbox Org"), "customer", null);
        SandboxSeed.prismatic(this);
    }

    /** A Relay-style global id: base64 of {@code Type:key}. */
    static String id(String type, String key) {
        return Base64.getEncoder().encodeToString((type + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    String now() {
        return clock.instant().toString();
    }

    Instant instant() {
        return clock.instant();
    }

    /** The flows of an integration. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> flows(Map<String, Object> integration) {
        return (List<Map<String, Object>>) integration.get("_flows");
    }

    /** Adds a flow named {@code name} to {@code integration}, with its test URL and an id no other flow there has. */
    Map<String, Object> addFlow(Map<String, Object> integration, String name) {
        String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-");
        String key = integration.get("id") + "/" + slug;
        for (int n = 2; hasFlow(integration, id("IntegrationFlow", key)); n++) {
            key = integration.get("id") + "/" + slug + "-" + n;
        }
        Map<String, Object> flow = map("id", id("IntegrationFlow", key), "name", name, "stableKey", slug,
                "description", "The " + name + " flow", "testUrl", baseUrl + "/trigger/test/" + key.hashCode(),
                "_integration", integration.get("id"));
        flows(integration).add(flow);
        return flow;
    }

    private boolean hasFlow(Map<String, Object> integration, String flowId) {
        return flows(integration).stream().anyMatch(f -> f.get("id").equals(flowId));
    }

    Map<String, Object> flow(String flowId) {
        return integrations.values().stream().flatMap(i -> flows(i).stream())
                .filter(f -> f.get("id").equals(flowId)).findFirst().orElse(null);
    }

    /** The status and end of an execution as of now: a test run ends {@link #EXECUTION_TIME} after it starts. */
    Map<String, Object> refresh(Map<String, Object> execution) {
        if (execution.get("endedAt") == null && execution.get("_endsAt") instanceof Instant ends
                && !clock.instant().isBefore(ends)) {
            boolean failed = Boolean.TRUE.equals(execution.get("_fails"));
            execution.put("endedAt", ends.toString());
            execution.put("status", failed ? "ERROR" : "SUCCESS");
            execution.put("resultType", failed ? "ERROR" : "COMPLETED");
            execution.put("error", failed ? "Step 'Process payload' failed: the payload asked to fail" : null);
        }
        return execution;
    }

    Map<String, Object> deployInstance(Map<String, Object> input) {
        Map<String, Object> instance = instances.get(String.valueOf(input.get("id")));
        if (instance == null) {
            throw missing("Instance");
        }
        Map<String, Object> integration = integrations.get((String) instance.get("_integration"));
        if (!Boolean.TRUE.equals(integration.get("versionIsAvailable"))) {
            return payload("instance", null, "__all__", "The integration has no published version to deploy.");
        }
        instance.put("deployedVersion", integration.get("versionNumber"));
        instance.put("needsDeploy", false);
        instance.put("configState", "FULLY_CONFIGURED");
        instance.put("lastDeployedAt", now());
        instance.put("updatedAt", now());
        return payload("instance", instance, null, null);
    }

    Map<String, Object> updateInstance(Map<String, Object> input) {
        Map<String, Object> instance = instances.get(String.valueOf(input.get("id")));
        if (instance == null) {
            throw missing("Instance");
        }
        if (input.get("name") instanceof String name && name.isBlank()) {
            return payload("instance", null, "name", "This field may not be blank.");
        }
        for (String field : List.of("name", "description", "enabled")) {
            if (input.get(field) != null) {
                instance.put(field, input.get(field));
            }
        }
        if (input.get("integration") != null) {
            // Moving to a version changes what runs: the instance needs a deploy until it gets one.
            if (!integrations.containsKey(String.valueOf(input.get("integration")))) {
                return payload("instance", null, "integration", "The integration version does not exist.");
            }
            instance.put("_integration", String.valueOf(input.get("integration")));
            instance.put("needsDeploy", true);
        }
        instance.put("updatedAt", now());
        return payload("instance", instance, null, null);
    }

    Map<String, Object> importIntegration(Map<String, Object> input) {
        IntegrationDefinition definition;
        try {
            definition = IntegrationDefinition.parse(String.valueOf(input.get("definition")));
        } catch (IntegrationDefinition.Invalid e) {
            return payload("integration", null, "definition", e.getMessage());
        }
        Map<String, Object> integration;
        if (input.get("integrationId") != null) {
            integration = integrations.get(String.valueOf(input.get("integrationId")));
            if (integration == null) {
                throw missing("Integration");
            }
        } else {
            integration = SandboxSeed.integration(this, UUID.randomUUID().toString(), definition.name(), "", null, 0);
            integration.put("versionIsAvailable", false);
        }
        integration.put("name", definition.name());
        if (definition.description() != null) {
            integration.put("description", definition.description());
        }
        integration.put("_definition", input.get("definition"));
        integration.put("hasUnpublishedChanges", true);
        integration.put("updatedAt", now());
        if (definition.flows() != null) {
            replaceFlows(integration, definition.flows());
        }
        return payload("integration", integration, null, null);
    }

    /** The flows become the definition's, in its order; a flow keeps its id when its stable key or name stays. */
    private void replaceFlows(Map<String, Object> integration, List<IntegrationDefinition.Flow> wanted) {
        List<Map<String, Object>> unclaimed = new ArrayList<>(flows(integration));
        List<Map<String, Object>> next = new ArrayList<>();
        for (IntegrationDefinition.Flow want : wanted) {
            Map<String, Object> flow = unclaimed.stream().filter(f -> want.stableKey() != null
                    && want.stableKey().equals(f.get("stableKey"))).findFirst()
                    .or(() -> unclaimed.stream().filter(f -> want.name().equals(f.get("name"))).findFirst())
                    .orElse(null);
            if (flow == null) {
                flow = addFlow(integration, want.name());
            }
            unclaimed.remove(flow);
            flow.put("name", want.name());
            if (want.stableKey() != null) {
                flow.put("stableKey", want.stableKey());
            }
            if (want.description() != null) {
                flow.put("description", want.description());
            }
            next.add(flow);
        }
        flows(integration).clear();
        flows(integration).addAll(next);
    }

    Map<String, Object> publishIntegration(Map<String, Object> input) {
        Map<String, Object> integration = integrations.get(String.valueOf(input.get("id")));
        if (integration == null) {
            throw missing("Integration");
        }
        if (!Boolean.TRUE.equals(integration.get("hasUnpublishedChanges"))) {
            return payload("integration", null, "__all__", "There are no unpublished changes to publish.");
        }
        int version = (Integer) integration.get("versionNumber") + 1;
        integration.put("versionNumber", version);
        integration.put("versionComment", input.get("comment"));
        integration.put("versionAttributes", input.get("attributes"));
        integration.put("versionIsAvailable", true);
        integration.put("hasUnpublishedChanges", false);
        integration.put("updatedAt", now());
        integration.put("versionCreatedAt", now());
        integration.put("_published", new ArrayList<>(List.of(version)));
        for (Map<String, Object> instance : instances.values()) {
            if (integration.get("id").equals(instance.get("_integration"))
                    && (Integer) instance.get("deployedVersion") < version) {
                instance.put("needsDeploy", true);
            }
        }
        return payload("integration", integration, null, null);
    }

    Map<String, Object> updateIntegration(Map<String, Object> input) {
        Map<String, Object> integration = integrations.get(String.valueOf(input.get("id")));
        if (integration == null) {
            throw missing("Integration");
        }
        if (input.get("name") instanceof String name && name.isBlank()) {
            return payload("integration", null, "name", "This field may not be blank.");
        }
        for (String field : List.of("name", "description")) {
            if (input.get(field) != null) {
                integration.put(field, input.get(field));
                integration.put("hasUnpublishedChanges", true);
            }
        }
        integration.put("updatedAt", now());
        return payload("integration", integration, null, null);
    }

    Map<String, Object> testIntegrationFlow(Map<String, Object> input) {
        Map<String, Object> flow = flow(String.valueOf(input.get("id")));
        if (flow == null) {
            throw missing("IntegrationFlow");
        }
        String payload = input.get("payload") == null ? "" : String.valueOf(input.get("payload"));
        String executionId = id("InstanceExecutionResult", UUID.randomUUID().toString());
        Instant started = clock.instant();
        executions.put(executionId, map("id", executionId, "startedAt", started.toString(), "endedAt", null,
                "status", "PENDING", "error", null, "invokeType", "INTEGRATION_FLOW_TEST", "resultType", null,
                "isTestExecution", true, "stepCount", 2, "_instance", null, "_flow", flow.get("id"),
                "_integration", flow.get("_integration"), "_endsAt", started.plus(EXECUTION_TIME),
                "_fails", payload.contains("\"fail\"")));
        Map<String, Object> result = map("_flow", flow.get("id"), "_execution", executionId, "statusCode", 200,
                "headers", "{\"content-type\":\"application/json\"}",
                "body", "{\"executionId\":\"" + executionId + "\"}");
        return payload("testIntegrationFlowResult", result, null, null);
    }

    /** Prismatic answers an unknown id with a top-level error, as Django's {@code DoesNotExist} reads. */
    private static IllegalArgumentException missing(String type) {
        return new IllegalArgumentException(type + " matching query does not exist.");
    }

    private static Map<String, Object> payload(String field, Object value, String errorField, String message) {
        List<Object> errors = errorField == null ? List.of()
                : List.of(map("field", errorField, "messages", List.of(message)));
        return map(field, value, "errors", errors);
    }
}
