package io.ipaasops.sandbox;

import static io.ipaasops.sandbox.PrismaticState.draft;
import static io.ipaasops.sandbox.PrismaticState.id;
import static io.ipaasops.sandbox.PrismaticState.map;
import static io.ipaasops.sandbox.PrismaticState.missing;
import static io.ipaasops.sandbox.PrismaticState.payload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Instances as Prismatic runs them: each is on one published version of an integration; changing its configuration
 * or its version marks it {@code needsDeploy}, and a deploy runs what it is configured with.
 */
final class Instances {

    private final PrismaticState state;

    Instances(PrismaticState state) {
        this.state = state;
    }

    /** A new instance of {@code integration} for {@code customer}, never deployed. */
    static Map<String, Object> newInstance(PrismaticState state, String id, String name, String customer,
                                           Map<String, Object> integration, boolean system) {
        Map<String, Object> instance = map("id", id, "name", name, "description", "", "enabled", true,
                "deployedVersion", 0, "needsDeploy", true, "configState", "NEEDS_INSTANCE_CONFIGURATION",
                "inFailedState", false, "labels", new ArrayList<>(), "lastDeployedAt", null, "lastExecutedAt", null,
                "globalDebug", false, "isSystem", system, "createdAt", state.now(), "updatedAt", state.now(),
                "_customer", customer == null ? SandboxSeed.SYSTEM_CUSTOMER : customer,
                "_integration", integration.get("id"), "_config", new LinkedHashMap<String, Object>(),
                "_apiKeys", new LinkedHashMap<String, Object>());
        state.instances.put(id, instance);
        instance.put("configState", configured(instance, integration) ? "FULLY_CONFIGURED"
                : "NEEDS_INSTANCE_CONFIGURATION");
        return instance;
    }

    Map<String, Object> create(Map<String, Object> input) {
        if (!(input.get("name") instanceof String name) || name.isBlank()) {
            return payload("instance", null, "name", "This field may not be blank.");
        }
        if (!state.customers.containsKey(String.valueOf(input.get("customer")))) {
            return payload("instance", null, "customer", "Customer matching query does not exist.");
        }
        Object version = version(String.valueOf(input.get("integration")));
        if (version instanceof String problem) {
            return payload("instance", null, "integration", problem);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> integration = (Map<String, Object>) version;
        Map<String, Object> instance = newInstance(state, id("Instance", UUID.randomUUID().toString()), name,
                (String) input.get("customer"), integration, false);
        if (input.get("configVariables") instanceof List<?> values) {
            String problem = setConfig(instance, values, integration);
            if (problem != null) {
                state.instances.remove(instance.get("id"));
                return payload("instance", null, "configVariables", problem);
            }
        }
        if (input.get("description") instanceof String description) {
            instance.put("description", description);
        }
        if (input.get("labels") instanceof List<?> labels) {
            instance.put("labels", new ArrayList<>(labels));
        }
        return payload("instance", instance, null, null);
    }

    Map<String, Object> update(Map<String, Object> input) {
        Map<String, Object> instance = target(input);
        if (input.get("name") instanceof String name && name.isBlank()) {
            return payload("instance", null, "name", "This field may not be blank.");
        }
        Map<String, Object> integration = state.integrations.get((String) instance.get("_integration"));
        if (input.get("integration") instanceof String wanted) {
            Object version = version(wanted);
            if (version instanceof String problem) {
                return payload("instance", null, "integration", problem);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> moved = (Map<String, Object>) version;
            if (!moved.get("versionSequenceId").equals(integration.get("versionSequenceId"))) {
                return payload("instance", null, "integration", "An instance can only move to a version of its own"
                        + " integration.");
            }
            integration = moved;
        }
        if (input.get("configVariables") instanceof List<?> values) {
            String problem = check(values, integration);
            if (problem != null) {
                return payload("instance", null, "configVariables", problem);
            }
        }
        if (!integration.get("id").equals(instance.get("_integration"))) {
            instance.put("_integration", integration.get("id"));
            changed(instance);
        }
        if (input.get("configVariables") instanceof List<?> values) {
            setConfig(instance, values, integration);
        }
        if (input.get("flowConfigs") instanceof List<?> configs) {
            for (Object config : configs) {
                Map<?, ?> c = (Map<?, ?>) config;
                apiKeys(instance).put(String.valueOf(c.get("flowId")), c.get("apiKeys"));
            }
            changed(instance);
        }
        for (String field : List.of("name", "description", "enabled", "labels", "globalDebug")) {
            if (input.get(field) != null) {
                instance.put(field, input.get(field));
            }
        }
        instance.put("updatedAt", state.now());
        return payload("instance", instance, null, null);
    }

    Map<String, Object> delete(Map<String, Object> input) {
        Map<String, Object> instance = target(input);
        state.instances.remove(instance.get("id"));
        return payload("instance", instance, null, null);
    }

    Map<String, Object> deploy(Map<String, Object> input) {
        Map<String, Object> instance = target(input);
        Map<String, Object> integration = state.integrations.get((String) instance.get("_integration"));
        if (!Boolean.TRUE.equals(integration.get("versionIsAvailable"))) {
            return payload("instance", null, "__all__", "The instance's version of the integration is not available"
                    + " for deployment.");
        }
        instance.put("deployedVersion", integration.get("versionNumber"));
        instance.put("needsDeploy", false);
        instance.put("configState", "FULLY_CONFIGURED");
        instance.put("lastDeployedAt", state.now());
        instance.put("updatedAt", state.now());
        return payload("instance", instance, null, null);
    }

    /**
     * The published version an id names: the version itself, or for an integration's draft its newest available
     * version (as Prism's "ID of the integration or a specific integration version ID"); else why not.
     */
    private Object version(String integrationId) {
        Map<String, Object> integration = state.integrations.get(integrationId);
        if (integration == null) {
            return "Integration matching query does not exist.";
        }
        if (draft(integration)) {
            return state.latestAvailable(integration).<Object>map(v -> v)
                    .orElse("The integration has no available published version.");
        }
        return Boolean.TRUE.equals(integration.get("versionIsAvailable")) ? integration
                : "This version of the integration is not available.";
    }

    /** Sets config variable values; null when done, else why none was set. */
    static String setConfig(Map<String, Object> instance, List<?> values, Map<String, Object> integration) {
        String problem = check(values, integration);
        if (problem != null) {
            return problem;
        }
        for (Object value : values) {
            Map<?, ?> v = (Map<?, ?>) value;
            config(instance).put(String.valueOf(v.get("key")), v.get("value") != null ? v.get("value") : v.get("values"));
        }
        changed(instance);
        instance.put("configState", configured(instance, integration) ? "FULLY_CONFIGURED"
                : "NEEDS_INSTANCE_CONFIGURATION");
        return null;
    }

    private static String check(List<?> values, Map<String, Object> integration) {
        List<String> keys = Integrations.configVars(integration).stream().map(IntegrationDefinition.ConfigVar::key)
                .toList();
        for (Object value : values) {
            Object key = value instanceof Map<?, ?> v ? v.get("key") : null;
            if (!keys.contains(String.valueOf(key))) {
                return "The integration has no config variable '" + key + "'; it has " + keys + ".";
            }
        }
        return null;
    }

    /** Configuration changed since the last deploy: what {@code needsDeploy} means on Prismatic. */
    private static void changed(Map<String, Object> instance) {
        instance.put("needsDeploy", true);
    }

    private static boolean configured(Map<String, Object> instance, Map<String, Object> integration) {
        return Integrations.configVars(integration).stream().allMatch(v -> v.defaultValue() != null
                || config(instance).get(v.key()) != null);
    }

    /** The instance's config variables, one per variable its version requires, with their values. */
    List<Map<String, Object>> configVariables(Map<String, Object> instance, Map<String, Object> args) {
        Map<String, Object> integration = state.integrations.get((String) instance.get("_integration"));
        List<Map<String, Object>> variables = new ArrayList<>();
        for (IntegrationDefinition.ConfigVar var : Integrations.configVars(integration)) {
            Object value = config(instance).get(var.key());
            String text = value == null ? var.defaultValue() : value instanceof String s ? s : Json.write(value);
            List<Map<String, Object>> inputs = new ArrayList<>();
            Object parsed = value instanceof String s && "CONNECTION".equals(var.dataType()) ? Json.read(s) : value;
            if (parsed instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> input && input.get("name") != null) {
                        inputs.add(map("id", id("Expression", uuid(instance.get("id") + "/" + var.key() + "/"
                                + input.get("name"))), "name", input.get("name"),
                                "value", String.valueOf(input.get("value"))));
                    }
                }
            }
            variables.add(map("id", id("InstanceConfigVariable", uuid(instance.get("id") + "/" + var.key())),
                    "value", text, "status", text == null ? "PENDING" : "ACTIVE", "meta", "{}", "_inputs", inputs,
                    "requiredConfigVariable", map("id", id("RequiredConfigVariable", uuid(integration.get("id") + "/"
                                    + var.key())), "key", var.key(), "dataType", var.dataType(),
                            "defaultValue", var.defaultValue(), "description", var.description())));
        }
        List<String> statuses = new ArrayList<>();
        if (args.get("status") instanceof String status) {
            statuses.add(status.toUpperCase(Locale.ROOT));
        }
        if (args.get("status_In") instanceof List<?> list) {
            list.forEach(s -> statuses.add(String.valueOf(s).toUpperCase(Locale.ROOT)));
        }
        return statuses.isEmpty() ? variables
                : variables.stream().filter(v -> statuses.contains(String.valueOf(v.get("status")))).toList();
    }

    /** The instance's flow configs: one per flow of its version, with the webhook URL that runs it. */
    List<Map<String, Object>> flowConfigs(Map<String, Object> instance) {
        Map<String, Object> integration = state.integrations.get((String) instance.get("_integration"));
        return state.flows(integration).stream().map(flow -> {
            String configId = id("InstanceFlowConfig", uuid(instance.get("id") + "/" + flow.get("id")));
            return map("id", configId, "webhookUrl", Executions.Target.CONFIG.url(state.baseUrl(), configId),
                    "apiKeys", apiKeys(instance).get((String) flow.get("id")), "flow", flow,
                    "_instance", instance.get("id"));
        }).toList();
    }

    /** The flow config with this id, on any instance. */
    Map<String, Object> flowConfig(String flowConfigId) {
        for (Map<String, Object> instance : state.instances.values()) {
            for (Map<String, Object> config : flowConfigs(instance)) {
                if (config.get("id").equals(flowConfigId)) {
                    return config;
                }
            }
        }
        return null;
    }

    /** A stable UUID for an object the sandbox derives rather than stores (flow configs, config variables). */
    private static String uuid(String key) {
        return UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> instance) {
        return (Map<String, Object>) instance.get("_config");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> apiKeys(Map<String, Object> instance) {
        return (Map<String, Object>) instance.get("_apiKeys");
    }

    private Map<String, Object> target(Map<String, Object> input) {
        Map<String, Object> instance = state.instances.get(String.valueOf(input.get("id")));
        if (instance == null) {
            throw missing("Instance");
        }
        return instance;
    }
}
