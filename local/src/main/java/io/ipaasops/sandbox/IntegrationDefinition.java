package io.ipaasops.sandbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * What the sandbox reads from a YAML integration definition: the top-level {@code name} and {@code description},
 * the top-level {@code flows} list ({@code null} when the definition has none, which leaves flows as they are), the
 * {@code requiredConfigVars}, and the whole document, which an export gives back.
 *
 * <p>Parsed with snakeyaml-engine (decision 0017): plain maps, lists and scalars only, no duplicate keys, limits on
 * size, aliases and nesting.</p>
 */
record IntegrationDefinition(String name, String description, List<Flow> flows, List<ConfigVar> configVars,
                             Map<String, Object> document) {

    /** Longest definition read, in code points. */
    static final int MAX_CODE_POINTS = 2 * 1024 * 1024;
    /** Deepest nesting of mappings and lists read; Prismatic's exports nest steps in branches in loops. */
    static final int MAX_DEPTH = 100;
    /** Most aliases to mappings or lists, which would otherwise let a small text expand exponentially. */
    static final int MAX_ALIASES = 50;

    private static final LoadSettings SETTINGS = LoadSettings.builder()
            .setLabel("definition")
            .setSchema(new CoreSchema())
            .setAllowDuplicateKeys(false)
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setCodePointLimit(MAX_CODE_POINTS)
            .build();

    /**
     * One item of the top-level {@code flows} list; {@code description} and {@code stableKey} may be null.
     *
     * @param steps   the names of its steps, the trigger first (empty when the definition lists none)
     * @param trigger the trigger step's component and action keys (webhook-triggers/webhook when it names none)
     */
    record Flow(String name, String description, String stableKey, List<String> steps, Trigger trigger) {
    }

    /** Which component action starts a flow. */
    record Trigger(String component, String action) {

        /** A plain webhook, what a flow without a trigger step gets. */
        static final Trigger WEBHOOK = new Trigger("webhook-triggers", "webhook");
    }

    /** One item of {@code requiredConfigVars}: its key, data type (as the schema's enum), default and description. */
    record ConfigVar(String key, String dataType, String defaultValue, String description) {
    }

    /** A definition Prismatic would refuse, with the message for the mutation payload's {@code errors}. */
    static final class Invalid extends Exception {

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** The YAML text of a definition document, in block style, keys in their order. */
    static String dump(Map<String, Object> document) {
        return new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build()).dumpToString(document);
    }

    /** Reads {@code text}, or says why it is refused. */
    static IntegrationDefinition parse(String text) throws Invalid {
        if (!(load(text) instanceof Map<?, ?> top)) {
            throw new Invalid("The definition must be a YAML mapping at the top level (name, description, flows, ...).");
        }
        String name = scalar(top.get("name"));
        if (name == null || name.isBlank()) {
            throw new Invalid("The definition has no top-level `name`.");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) top;
        return new IntegrationDefinition(name, scalar(top.get("description")),
                top.containsKey("flows") ? flows(top.get("flows")) : null, configVars(top.get("requiredConfigVars")),
                document);
    }

    private static List<ConfigVar> configVars(Object value) throws Invalid {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            throw new Invalid("The definition's `requiredConfigVars` must be a list.");
        }
        List<ConfigVar> vars = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String key = items.get(i) instanceof Map<?, ?> item ? scalar(item.get("key")) : null;
            if (key == null || key.isBlank()) {
                throw new Invalid("requiredConfigVars[" + i + "] has no `key`.");
            }
            Map<?, ?> item = (Map<?, ?>) items.get(i);
            String type = scalar(item.get("dataType"));
            String dataType = type == null ? "STRING" : type.toUpperCase(java.util.Locale.ROOT);
            if (!DATA_TYPES.contains(dataType)) {
                throw new Invalid("requiredConfigVars[" + i + "] has the unknown dataType `" + type + "`; one of "
                        + DATA_TYPES.stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList() + ".");
            }
            vars.add(new ConfigVar(key, dataType, scalar(item.get("defaultValue")), scalar(item.get("description"))));
        }
        return vars;
    }

    /** The values of the schema's {@code RequiredConfigVariableDataType}. */
    private static final List<String> DATA_TYPES = List.of("BOOLEAN", "CODE", "CONNECTION", "CREDENTIAL", "DATE",
            "JSONFORM", "NUMBER", "OBJECTFIELDMAP", "OBJECTSELECTION", "PICKLIST", "SCHEDULE", "STRING", "TIMESTAMP");

    /** The steps' names, and the trigger: the step marked {@code isTrigger}, else the first, when it names one. */
    private static Flow flow(String name, Map<?, ?> item) {
        List<String> steps = new ArrayList<>();
        Trigger trigger = Trigger.WEBHOOK;
        if (item.get("steps") instanceof List<?> list) {
            Map<?, ?> triggerStep = null;
            for (Object step : list) {
                if (step instanceof Map<?, ?> s && scalar(s.get("name")) != null) {
                    steps.add(scalar(s.get("name")));
                    if (triggerStep == null || Boolean.TRUE.equals(s.get("isTrigger"))
                            && !Boolean.TRUE.equals(triggerStep.get("isTrigger"))) {
                        triggerStep = s;
                    }
                }
            }
            if (triggerStep != null && triggerStep.get("action") instanceof Map<?, ?> action
                    && action.get("component") instanceof Map<?, ?> component
                    && scalar(action.get("key")) != null && scalar(component.get("key")) != null) {
                trigger = new Trigger(scalar(component.get("key")), scalar(action.get("key")));
            }
        }
        return new Flow(name, scalar(item.get("description")), scalar(item.get("stableKey")), steps, trigger);
    }

    private static List<Flow> flows(Object value) throws Invalid {
        if (!(value instanceof List<?> items)) {
            throw new Invalid("The definition's `flows` must be a list of flows.");
        }
        List<Flow> flows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                throw new Invalid("flows[" + i + "] must be a mapping with a `name`.");
            }
            String name = scalar(item.get("name"));
            if (name == null || name.isBlank()) {
                throw new Invalid("flows[" + i + "] has no `name`.");
            }
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                throw new Invalid("flows[" + i + "] is named `" + name + "` like flows[" + earlier + "]; flow names must"
                        + " be unique.");
            }
            flows.add(flow(name, item));
        }
        return flows;
    }

    /** The text of a scalar value; null for a missing value, a mapping or a list. */
    private static String scalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean ? value.toString() : null;
    }

    private static Object load(String text) throws Invalid {
        try {
            checkDepth(text);
            return new Load(SETTINGS).loadFromString(text);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().map(m -> " (line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1)
                    + ")").orElse("");
            String what = e.getContext() == null ? e.getProblem() : e.getContext() + ", " + e.getProblem();
            throw new Invalid("The definition is not valid YAML: " + what + where + ".");
        } catch (YamlEngineException e) {
            throw new Invalid("The definition is not valid YAML: " + e.getMessage());
        }
    }

    /** The composer recurses once per level, so nesting is counted first on the parser's events, which do not. */
    private static void checkDepth(String text) throws Invalid {
        int depth = 0;
        for (Event event : new Parse(SETTINGS).parseString(text)) {
            if (event instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
                throw new Invalid("The definition nests mappings and lists deeper than " + MAX_DEPTH + " levels.");
            }
            if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
    }
}
