package io.ipaasops.sandbox;

import static io.ipaasops.sandbox.PrismaticState.draft;
import static io.ipaasops.sandbox.PrismaticState.id;
import static io.ipaasops.sandbox.PrismaticState.map;
import static io.ipaasops.sandbox.PrismaticState.missing;
import static io.ipaasops.sandbox.PrismaticState.payload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Integrations the way Prismatic keeps them: a sequence has one draft, which is edited, imported into and published,
 * and each publish adds a version record with an id, flows and definition of its own.
 */
final class Integrations {

    /** The steps a flow runs when its definition names none. */
    static final List<String> DEFAULT_STEPS = List.of("Integration Trigger", "Process payload");
    /** The definition format version an export writes when it is asked for none. */
    static final int DEFINITION_VERSION = 7;

    private final PrismaticState state;

    Integrations(PrismaticState state) {
        this.state = state;
    }

    /** A new sequence's draft, unpublished, with no flows yet. */
    Map<String, Object> newDraft(String key, String name, String description) {
        String id = id("Integration", key);
        Map<String, Object> integration = map("id", id, "name", name, "description", description,
                "category", null, "labels", new ArrayList<>(), "versionNumber", 0, "versionComment", null,
                "versionAttributes", null, "versionCreatedAt", null, "versionIsAvailable", false,
                "versionIsLatest", true, "versionSequenceId", UUID.nameUUIDFromBytes(key.getBytes()).toString(),
                "hasUnpublishedChanges", true, "isCodeNative", false,
                "marketplaceConfiguration", "NOT_AVAILABLE_IN_MARKETPLACE", "createdAt", state.now(),
                "updatedAt", state.now(), "_draft", true, "_customer", null, "_parent", null, "_createdBy", null,
                "_flows", new ArrayList<>(), "_document", null, "_configVars", new ArrayList<>());
        state.integrations.put(id, integration);
        return integration;
    }

    /** Adds a flow to {@code integration}, with its test URL and an id no other flow there has. */
    Map<String, Object> addFlow(Map<String, Object> integration, IntegrationDefinition.Flow want) {
        String slug = want.name().toLowerCase().replaceAll("[^a-z0-9]+", "-");
        String key = integration.get("id") + "/" + slug;
        for (int n = 2; state.flow(id("IntegrationFlow", key)) != null; n++) {
            key = integration.get("id") + "/" + slug + "-" + n;
        }
        String flowId = id("IntegrationFlow", key);
        Map<String, Object> flow = map("id", flowId, "name", want.name(),
                "stableKey", want.stableKey() == null ? slug : want.stableKey(),
                "description", want.description() == null ? "The " + want.name() + " flow" : want.description(),
                "testUrl", Executions.Target.TEST.url(state.baseUrl(), flowId),
                "_integration", integration.get("id"),
                "_steps", want.steps().isEmpty() ? DEFAULT_STEPS : want.steps(), "_trigger", want.trigger());
        state.flows(integration).add(flow);
        return flow;
    }

    Map<String, Object> create(Map<String, Object> input) {
        if (!(input.get("name") instanceof String name) || name.isBlank()) {
            return payload("integration", null, "name", "This field may not be blank.");
        }
        String customer = (String) input.get("customer");
        if (customer != null && !state.customers.containsKey(customer)) {
            return payload("integration", null, "customer", "Customer matching query does not exist.");
        }
        IntegrationDefinition definition = null;
        if (input.get("definition") instanceof String text) {
            try {
                definition = IntegrationDefinition.parse(text);
            } catch (IntegrationDefinition.Invalid e) {
                return payload("integration", null, "definition", e.getMessage());
            }
        }
        Map<String, Object> integration = newDraft(UUID.randomUUID().toString(), name,
                input.get("description") == null ? "" : (String) input.get("description"));
        integration.put("_customer", customer);
        if (input.get("labels") instanceof List<?> labels) {
            integration.put("labels", new ArrayList<>(labels));
        }
        if (definition != null) {
            apply(integration, definition);
            integration.put("name", name);
        } else {
            addFlow(integration, new IntegrationDefinition.Flow("Flow 1", null, null, List.of(),
                    IntegrationDefinition.Trigger.WEBHOOK));
        }
        return payload("integration", integration, null, null);
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
            integration = state.integrations.get(String.valueOf(input.get("integrationId")));
            if (integration == null) {
                throw missing("Integration");
            }
            if (!draft(integration)) {
                return payload("integration", null, "integrationId", "A published version cannot be changed;"
                        + " import into the integration's latest version (" + state.draftOf(integration).get("id")
                        + ").");
            }
        } else {
            integration = newDraft(UUID.randomUUID().toString(), definition.name(), "");
        }
        if (input.get("customer") instanceof String customer) {
            if (!state.customers.containsKey(customer)) {
                return payload("integration", null, "customer", "Customer matching query does not exist.");
            }
            integration.put("_customer", customer);
        }
        apply(integration, definition);
        return payload("integration", integration, null, null);
    }

    /** What an import changes: name, description, the document an export gives back, config variables, flows. */
    private void apply(Map<String, Object> integration, IntegrationDefinition definition) {
        integration.put("name", definition.name());
        if (definition.description() != null) {
            integration.put("description", definition.description());
        }
        integration.put("_document", definition.document());
        integration.put("_configVars", new ArrayList<>(definition.configVars()));
        integration.put("hasUnpublishedChanges", true);
        integration.put("updatedAt", state.now());
        if (definition.flows() != null) {
            replaceFlows(integration, definition.flows());
        }
    }

    /** The flows become the definition's, in its order; a flow keeps its id when its stable key or name stays. */
    private void replaceFlows(Map<String, Object> integration, List<IntegrationDefinition.Flow> wanted) {
        List<Map<String, Object>> unclaimed = new ArrayList<>(state.flows(integration));
        List<Map<String, Object>> next = new ArrayList<>();
        for (IntegrationDefinition.Flow want : wanted) {
            Map<String, Object> flow = unclaimed.stream().filter(f -> want.stableKey() != null
                            && want.stableKey().equals(f.get("stableKey"))).findFirst()
                    .or(() -> unclaimed.stream().filter(f -> want.name().equals(f.get("name"))).findFirst())
                    .orElse(null);
            if (flow == null) {
                flow = addFlow(integration, want);
            }
            unclaimed.remove(flow);
            flow.put("name", want.name());
            if (want.stableKey() != null) {
                flow.put("stableKey", want.stableKey());
            }
            if (want.description() != null) {
                flow.put("description", want.description());
            }
            flow.put("_steps", want.steps().isEmpty() ? DEFAULT_STEPS : want.steps());
            flow.put("_trigger", want.trigger());
            next.add(flow);
        }
        state.flows(integration).clear();
        state.flows(integration).addAll(next);
    }

    Map<String, Object> update(Map<String, Object> input) {
        Map<String, Object> integration = target(input);
        if (!draft(integration)) {
            return payload("integration", null, "__all__", "A published version cannot be changed.");
        }
        if (input.get("name") instanceof String name && name.isBlank()) {
            return payload("integration", null, "name", "This field may not be blank.");
        }
        if (input.get("customer") instanceof String customer && !state.customers.containsKey(customer)) {
            return payload("integration", null, "customer", "Customer matching query does not exist.");
        }
        for (String field : List.of("name", "description", "category", "labels")) {
            if (input.get(field) != null) {
                integration.put(field, input.get(field));
                integration.put("hasUnpublishedChanges", true);
            }
        }
        if (input.get("customer") != null) {
            integration.put("_customer", input.get("customer"));
        }
        if (input.get("testConfigVariables") instanceof List<?> values) {
            Map<String, Object> system = systemInstance(integration);
            String problem = Instances.setConfig(system, values, integration);
            if (problem != null) {
                return payload("integration", null, "testConfigVariables", problem);
            }
        }
        integration.put("updatedAt", state.now());
        return payload("integration", integration, null, null);
    }

    Map<String, Object> publish(Map<String, Object> input) {
        Map<String, Object> integration = target(input);
        if (!draft(integration)) {
            return payload("integration", null, "__all__", "This is a published version; publish the integration's"
                    + " latest version (" + state.draftOf(integration).get("id") + ").");
        }
        if (!Boolean.TRUE.equals(integration.get("hasUnpublishedChanges"))) {
            return payload("integration", null, "__all__", "There are no unpublished changes to publish.");
        }
        String attributes = (String) input.get("attributes");
        if (attributes != null && !Json.isObject(attributes)) {
            return payload("integration", null, "attributes", "Enter a valid JSON object.");
        }
        Map<String, Object> version = snapshot(integration, UUID.randomUUID().toString(),
                (Integer) integration.get("versionNumber") + 1,
                (String) input.get("comment"), attributes);
        for (String field : List.of("versionNumber", "versionComment", "versionAttributes", "versionCreatedAt")) {
            integration.put(field, version.get(field));
        }
        integration.put("_createdBy", version.get("_createdBy"));
        integration.put("versionIsAvailable", true);
        integration.put("hasUnpublishedChanges", false);
        integration.put("updatedAt", state.now());
        return payload("integration", version, null, null);
    }

    /** A published version of the draft: its own id, a copy of the flows (with their own ids) and definition. */
    Map<String, Object> snapshot(Map<String, Object> draft, String key, int number, String comment,
                                 String attributes) {
        String versionId = id("Integration", key);
        Map<String, Object> version = new LinkedHashMap<>(draft);
        version.putAll(map("id", versionId, "versionNumber", number, "versionComment", comment,
                "versionAttributes", attributes, "versionCreatedAt", state.now(), "versionIsAvailable", true,
                "versionIsLatest", false, "hasUnpublishedChanges", false, "createdAt", state.now(),
                "updatedAt", state.now(), "_draft", false, "_createdBy", state.user.get("id"),
                "_flows", new ArrayList<>(), "_configVars", new ArrayList<>(configVars(draft))));
        state.integrations.put(versionId, version);
        for (Map<String, Object> flow : state.flows(draft)) {
            Map<String, Object> copy = addFlow(version, new IntegrationDefinition.Flow((String) flow.get("name"),
                    (String) flow.get("description"), (String) flow.get("stableKey"), steps(flow),
                    (IntegrationDefinition.Trigger) flow.get("_trigger")));
            copy.put("stableKey", flow.get("stableKey"));
        }
        return version;
    }

    Map<String, Object> availability(Map<String, Object> input) {
        Map<String, Object> version = target(input);
        if (draft(version)) {
            return payload("integration", null, "__all__", "Availability belongs to a published version; this is"
                    + " the integration's unpublished latest version.");
        }
        version.put("versionIsAvailable", Boolean.TRUE.equals(input.get("available")));
        Map<String, Object> draft = state.draftOf(version);
        draft.put("versionIsAvailable", state.latestAvailable(draft).isPresent());
        return payload("integration", version, null, null);
    }

    Map<String, Object> fork(Map<String, Object> input) {
        Map<String, Object> parent = state.integrations.get(String.valueOf(input.get("parent")));
        if (parent == null) {
            throw missing("Integration");
        }
        if (!(input.get("name") instanceof String name) || name.isBlank()) {
            return payload("integration", null, "name", "This field may not be blank.");
        }
        Map<String, Object> fork = newDraft(UUID.randomUUID().toString(), name,
                input.get("description") == null ? "" : (String) input.get("description"));
        fork.put("category", parent.get("category"));
        fork.put("_parent", parent.get("id"));
        fork.put("_document", parent.get("_document"));
        fork.put("_configVars", new ArrayList<>(configVars(parent)));
        for (Map<String, Object> flow : state.flows(parent)) {
            addFlow(fork, new IntegrationDefinition.Flow((String) flow.get("name"), (String) flow.get("description"),
                    (String) flow.get("stableKey"), steps(flow), (IntegrationDefinition.Trigger) flow.get("_trigger")));
        }
        return payload("integration", fork, null, null);
    }

    Map<String, Object> delete(Map<String, Object> input) {
        Map<String, Object> integration = target(input);
        if (!draft(integration)) {
            return payload("integration", null, "__all__", "A published version cannot be deleted on its own;"
                    + " delete the integration (" + state.draftOf(integration).get("id") + ").");
        }
        if (!state.customerInstances(integration).isEmpty()) {
            return payload("integration", null, "__all__", "This integration has instances; delete them before"
                    + " deleting the integration.");
        }
        Object sequence = integration.get("versionSequenceId");
        state.instances.values().removeIf(i -> sequence.equals(
                state.integrations.get((String) i.get("_integration")).get("versionSequenceId")));
        state.integrations.values().removeIf(i -> sequence.equals(i.get("versionSequenceId")));
        return payload("integration", integration, null, null);
    }

    Map<String, Object> validate(Map<String, Object> input) {
        try {
            IntegrationDefinition.parse(String.valueOf(input.get("definition")));
            return payload("result", map("isValid", true), null, null);
        } catch (IntegrationDefinition.Invalid e) {
            return payload("result", map("isValid", false), "definition", e.getMessage());
        }
    }

    /** The export: the imported document (or one made from the state) with the integration's current fields. */
    String definition(Map<String, Object> integration, Integer version) {
        @SuppressWarnings("unchecked")
        Map<String, Object> imported = (Map<String, Object>) integration.get("_document");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("definitionVersion", version == null ? DEFINITION_VERSION : version);
        if (imported != null) {
            document.putAll(imported);
        }
        document.put("name", integration.get("name"));
        document.put("description", integration.get("description"));
        if (imported == null || !imported.containsKey("flows")) {
            document.put("flows", state.flows(integration).stream().map(Integrations::flowDocument).toList());
        }
        if (imported == null && !configVars(integration).isEmpty()) {
            document.put("requiredConfigVars", configVars(integration).stream().map(v -> {
                Map<String, Object> var = map("key", v.key(), "dataType", v.dataType().toLowerCase(java.util.Locale.ROOT));
                if (v.defaultValue() != null) {
                    var.put("defaultValue", v.defaultValue());
                }
                return var;
            }).toList());
        }
        return IntegrationDefinition.dump(document);
    }

    private static Map<String, Object> flowDocument(Map<String, Object> flow) {
        IntegrationDefinition.Trigger trigger = (IntegrationDefinition.Trigger) flow.get("_trigger");
        List<Object> steps = new ArrayList<>();
        List<String> names = steps(flow);
        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> step = map("name", names.get(i));
            if (i == 0) {
                step.put("isTrigger", true);
                step.put("action", map("key", trigger.action(), "component", map("key", trigger.component(),
                        "version", "LATEST", "isPublic", true)));
            } else {
                step.put("action", map("key", "runCode", "component", map("key", "code", "version", "LATEST",
                        "isPublic", true)));
            }
            steps.add(step);
        }
        return map("name", flow.get("name"), "stableKey", flow.get("stableKey"), "description",
                flow.get("description"), "steps", steps);
    }

    /** The sequence's test instance, which flow tests run on; made on first use, configured. */
    Map<String, Object> systemInstance(Map<String, Object> integration) {
        Map<String, Object> draft = state.draftOf(integration);
        String id = id("Instance", "system/" + draft.get("id"));
        Map<String, Object> system = state.instances.get(id);
        if (system == null) {
            system = Instances.newInstance(state, id, draft.get("name") + " (test)", null, draft, true);
            // Tests run the draft as it is: nothing to deploy.
            system.put("configState", "FULLY_CONFIGURED");
            system.put("needsDeploy", false);
        }
        // It always runs the draft, whatever was published.
        system.put("_integration", draft.get("id"));
        return system;
    }

    @SuppressWarnings("unchecked")
    static List<String> steps(Map<String, Object> flow) {
        return (List<String>) flow.get("_steps");
    }

    @SuppressWarnings("unchecked")
    static List<IntegrationDefinition.ConfigVar> configVars(Map<String, Object> integration) {
        return (List<IntegrationDefinition.ConfigVar>) integration.get("_configVars");
    }

    private Map<String, Object> target(Map<String, Object> input) {
        Map<String, Object> integration = state.integrations.get(String.valueOf(input.get("id")));
        if (integration == null) {
            throw missing("Integration");
        }
        return integration;
    }
}
