package io.ipaasops.sandbox;

import static io.ipaasops.sandbox.PrismaticState.EXECUTION_TIME;
import static io.ipaasops.sandbox.PrismaticState.id;
import static io.ipaasops.sandbox.PrismaticState.map;
import static io.ipaasops.sandbox.PrismaticState.missing;
import static io.ipaasops.sandbox.PrismaticState.payload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Executions: flow tests (by mutation or by a POST to a flow's test URL or a flow config's webhook URL), which run
 * {@link PrismaticState#EXECUTION_TIME} and end in {@code SUCCESS} (or {@code ERROR} when the payload contains
 * {@code "fail"}), and their step results, one per step, each readable at its {@code resultsUrl} once it ended.
 */
final class Executions {

    /** What a {@code /trigger/<token>} URL runs: a flow on its sequence's test instance, or an instance flow config. */
    enum Target {
        TEST, CONFIG;

        /** The URL that runs the flow or flow config with this id. */
        String url(String baseUrl, String id) {
            return baseUrl + "/trigger/" + PrismaticState.token(prefix() + id);
        }

        /** The id a token names when it is one of this kind, else null. */
        String id(String key) {
            return key != null && key.startsWith(prefix()) ? key.substring(prefix().length()) : null;
        }

        private String prefix() {
            return name().toLowerCase(java.util.Locale.ROOT) + ":";
        }
    }

    /** What a POST to a trigger URL answers. */
    record Reply(int status, String executionId, String body) {
    }

    private final PrismaticState state;
    private final Integrations integrations;
    private final Instances instances;

    Executions(PrismaticState state, Integrations integrations, Instances instances) {
        this.state = state;
        this.integrations = integrations;
        this.instances = instances;
    }

    Map<String, Object> testFlow(Map<String, Object> input) {
        Map<String, Object> flow = state.flow(String.valueOf(input.get("id")));
        if (flow == null) {
            throw missing("IntegrationFlow");
        }
        Map<String, Object> system = integrations.systemInstance(state.integrations.get((String) flow.get("_integration")));
        String executionId = start(flow, system, null, (String) input.get("payload"), (String) input.get("contentType"),
                "INTEGRATION_FLOW_TEST");
        return payload("testIntegrationFlowResult", map("_flow", flow.get("id"), "_execution", executionId,
                "statusCode", 200, "headers", "{\"content-type\":\"application/json\"}",
                "body", "{\"executionId\":\"" + executionId + "\"}"), null, null);
    }

    Map<String, Object> testFlowConfig(Map<String, Object> input) {
        Map<String, Object> config = instances.flowConfig(String.valueOf(input.get("id")));
        if (config == null) {
            throw missing("InstanceFlowConfig");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> flow = (Map<String, Object>) config.get("flow");
        String executionId = start(flow, state.instances.get((String) config.get("_instance")), config,
                (String) input.get("payload"), (String) input.get("contentType"), "INTEGRATION_FLOW_TEST");
        return payload("testInstanceFlowConfigResult", map("_flowConfig", config.get("id"), "_execution", executionId,
                "statusCode", 200, "headers", "{\"content-type\":\"application/json\"}",
                "body", "{\"executionId\":\"" + executionId + "\"}"), null, null);
    }

    /** A POST to a test or webhook URL: starts an execution and answers with its id, as Prismatic's async trigger. */
    Reply trigger(String token, String body, String contentType) {
        String key = PrismaticState.untoken(token);
        Map<String, Object> flow;
        Map<String, Object> instance;
        Map<String, Object> config = null;
        String invokeType;
        if (Target.TEST.id(key) != null && (flow = state.flow(Target.TEST.id(key))) != null) {
            instance = integrations.systemInstance(state.integrations.get((String) flow.get("_integration")));
            invokeType = "INTEGRATION_FLOW_TEST";
        } else if (Target.CONFIG.id(key) != null && (config = instances.flowConfig(Target.CONFIG.id(key))) != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> configured = (Map<String, Object>) config.get("flow");
            flow = configured;
            instance = state.instances.get((String) config.get("_instance"));
            if (!Boolean.TRUE.equals(instance.get("enabled")) || (Integer) instance.get("deployedVersion") == 0) {
                return new Reply(404, null, Json.write(map("error", "The instance is disabled or not deployed.")));
            }
            invokeType = "WEBHOOK";
        } else {
            return new Reply(404, null, Json.write(map("error", "No flow is triggered at this URL.")));
        }
        String executionId = start(flow, instance, config, body, contentType, invokeType);
        return new Reply(200, executionId, Json.write(map("executionId", executionId)));
    }

    private String start(Map<String, Object> flow, Map<String, Object> instance, Map<String, Object> config,
                         String payload, String contentType, String invokeType) {
        String text = payload == null ? "" : payload;
        String uuid = UUID.randomUUID().toString();
        String executionId = id("InstanceExecutionResult", uuid);
        Instant started = state.instant();
        boolean fails = text.contains("\"fail\"");
        List<String> steps = Integrations.steps(flow);
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Instant ends = steps.size() == 1 ? started.plus(EXECUTION_TIME)
                    : started.plus(EXECUTION_TIME.multipliedBy(i).dividedBy(steps.size() - 1));
            String resultsKey = UUID.randomUUID().toString();
            Map<String, Object> result = map("id", id("InstanceStepResult", uuid + "/" + i),
                    "stepName", camel(steps.get(i)), "displayStepName", steps.get(i),
                    "startedAt", (i == 0 ? started : ends).toString(), "endedAt", ends.toString(),
                    "hasError", fails && i == steps.size() - 1,
                    "resultsUrl", state.baseUrl() + "/results/" + resultsKey, "_endsAt", ends,
                    "_data", data(i, fails && i == steps.size() - 1, text, contentType, steps.get(i)));
            results.add(result);
            state.stepResults.put(resultsKey, result);
        }
        state.executions.put(executionId, map("id", executionId, "startedAt", started.toString(), "endedAt", null,
                "status", "PENDING", "error", null, "invokeType", invokeType, "resultType", null,
                "isTestExecution", !"WEBHOOK".equals(invokeType), "stepCount", steps.size(),
                "_instance", instance.get("id"), "_flow", flow.get("id"),
                "_flowConfig", config == null ? null : config.get("id"), "_integration", flow.get("_integration"),
                "_endsAt", started.plus(EXECUTION_TIME), "_fails", fails,
                "_failedStep", steps.get(steps.size() - 1), "_results", results));
        instance.put("lastExecutedAt", started.toString());
        return executionId;
    }

    /** What a step returned: the trigger its request, the others the payload back; a failed step its error. */
    private static String data(int index, boolean failed, String payload, String contentType, String step) {
        Object body = Json.read(payload);
        Object value = body == null ? payload : body;
        if (failed) {
            return Json.write(map("error", "Step '" + step + "' failed: the payload asked to fail"));
        }
        if (index == 0) {
            return Json.write(map("payload", map("headers", map("content-type", contentType == null
                    ? "application/json" : contentType), "body", map("data", value, "contentType", contentType),
                    "queryParameters", map())));
        }
        return Json.write(value);
    }

    /** The status and end of an execution as of now: a test run ends {@link PrismaticState#EXECUTION_TIME} after it starts. */
    Map<String, Object> refresh(Map<String, Object> execution) {
        if (execution.get("endedAt") == null && execution.get("_endsAt") instanceof Instant ends
                && !state.instant().isBefore(ends)) {
            boolean failed = Boolean.TRUE.equals(execution.get("_fails"));
            execution.put("endedAt", ends.toString());
            execution.put("status", failed ? "ERROR" : "SUCCESS");
            execution.put("resultType", failed ? "ERROR" : "COMPLETED");
            execution.put("error", failed ? "Step '" + execution.get("_failedStep")
                    + "' failed: the payload asked to fail" : null);
        }
        return execution;
    }

    /** The step results that have ended, filtered by step name, ordered as asked (by end, by default). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> stepResults(Map<String, Object> execution, Map<String, Object> args) {
        Instant now = state.instant();
        List<Map<String, Object>> results = ((List<Map<String, Object>>) execution.getOrDefault("_results", List.of()))
                .stream().filter(r -> !now.isBefore((Instant) r.get("_endsAt")))
                .filter(r -> args.get("displayStepName") == null
                        || args.get("displayStepName").equals(r.get("displayStepName")))
                .filter(r -> args.get("stepName") == null || args.get("stepName").equals(r.get("stepName")))
                .toList();
        Object order = args.get("orderBy") != null ? List.of(args.get("orderBy")) : args.get("sortBy");
        if (order instanceof List<?> orders && !orders.isEmpty() && orders.get(0) instanceof Map<?, ?> first) {
            Comparator<Map<String, Object>> by = Comparator.comparing(r -> String.valueOf(
                    r.get("ENDED_AT".equals(first.get("field")) ? "endedAt" : "startedAt")));
            results = results.stream().sorted("DESC".equals(first.get("direction")) ? by.reversed() : by).toList();
        }
        return results;
    }

    /** The msgpack body served at a step result's {@code resultsUrl}, or null for an unknown or unfinished one. */
    byte[] results(String key) {
        Map<String, Object> result = state.stepResults.get(key);
        if (result == null || state.instant().isBefore((Instant) result.get("_endsAt"))) {
            return null;
        }
        return StepResultFormat.encode((String) result.get("_data"), "application/json");
    }

    /** A step's name as Prismatic keys it: camel case of its display name. */
    static String camel(String name) {
        String[] words = name.trim().split("[^A-Za-z0-9]+");
        StringBuilder key = new StringBuilder();
        for (String word : words) {
            if (word.isEmpty()) {
                continue;
            }
            key.append(key.isEmpty() ? word.substring(0, 1).toLowerCase() : word.substring(0, 1).toUpperCase())
                    .append(word.substring(1));
        }
        return key.toString();
    }
}
