package io.ipaasops.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.workflows.Workflow;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics record of one invocation, as CloudWatch Logs reads it: the contract the dashboard relies on. */
class EmfRecordTest {

    private static InvocationSummary invocation(String errorType, WorkflowRun workflow) {
        return new InvocationSummary("prismatic", "deploy-instance", "http-api", "req-1", "delivery \"7\"", null,
                "1-5759e988-bd862e3fe1be46a994272793", errorType, 1_796_000_000_123L, 12_345_678L, 10_000_000L, 2, 1,
                1, 1, true, "transient".equals(errorType), 0, 0, workflow);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) {
        return Json.read(line, Map.class);
    }

    @Test
    void aSuccessIsOneLineWithTheInvocationDirectiveAndEveryMetricOfIt() {
        String line = EmfRecord.write(invocation(null, null));

        assertFalse(line.contains("\n"), "one line");
        Map<String, Object> record = parse(line);
        List<Object> metrics = List.of(metric("Invocations", "Count"), metric("Errors", "Count"),
                metric("Duration", "Milliseconds"), metric("UpstreamTime", "Milliseconds"),
                metric("UpstreamCalls", "Count"), metric("Retries", "Count"), metric("TokenExchanges", "Count"),
                metric("SecretReads", "Count"), metric("ColdStart", "Count"), metric("Throttled", "Count"));
        Map<String, Object> directive = Map.of("Namespace", "ipaas-ops",
                "Dimensions", List.of(List.of("Platform", "Action"), List.of("Platform")), "Metrics", metrics);
        assertEquals(Map.of("Timestamp", 1_796_000_000_123L, "CloudWatchMetrics", List.of(directive)),
                normalised(record.get("_aws")));
        assertEquals("prismatic", record.get("Platform"));
        assertEquals("deploy-instance", record.get("Action"));
        assertEquals(1, record.get("Invocations"));
        assertEquals(0, record.get("Errors"));
        assertEquals(12.346, ((Number) record.get("Duration")).doubleValue());
        assertEquals(10, record.get("UpstreamTime"));
        assertEquals(List.of(2, 1, 1, 1, 1, 0), List.of(record.get("UpstreamCalls"), record.get("Retries"),
                record.get("TokenExchanges"), record.get("SecretReads"), record.get("ColdStart"),
                record.get("Throttled")));
        assertEquals("req-1", record.get("requestId"));
        assertEquals("http-api", record.get("trigger"));
        assertEquals("delivery \"7\"", record.get("deliveryKey"), "a key with quotes survives escaping");
        assertEquals("ok", record.get("outcome"));
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", record.get("traceId"));
        assertFalse(record.containsKey("ErrorType") || record.containsKey("execution") || record.containsKey("records"),
                line);
    }

    @Test
    void aFailureAddsTheErrorDirectiveAndNamesItsTypeAndAThrottleIsOnlyATransientOne() {
        Map<String, Object> upstream = parse(EmfRecord.write(invocation("upstream", null)));
        Map<String, Object> transientOne = parse(EmfRecord.write(invocation("transient", null)));

        assertEquals(List.of(List.of(List.of("Platform", "Action"), List.of("Platform")),
                List.of(List.of("Platform", "ErrorType"))), dimensions(upstream));
        assertEquals(List.of(metric("Errors", "Count")), directives(upstream).get(1).get("Metrics"));
        assertEquals("upstream", upstream.get("ErrorType"));
        assertEquals("upstream", upstream.get("outcome"));
        assertEquals(1, upstream.get("Errors"));
        assertEquals(0, upstream.get("Throttled"));
        assertEquals(1, transientOne.get("Throttled"));
    }

    @Test
    void aWorkflowReportAddsTheWorkflowDirective() {
        Map<String, Object> record = parse(EmfRecord.write(invocation(null,
                new WorkflowRun(Workflow.DEPLOY_FLEET, WorkflowRun.Outcome.PARTIAL, 40, 2, 1))));

        assertEquals(List.of(List.of("Workflow", "Outcome"), List.of("Workflow")), dimensions(record).get(1));
        assertEquals(List.of(metric("WorkflowExecutions", "Count"), metric("InstancesRolledOut", "Count"),
                metric("InstancesFailed", "Count"), metric("TestFlowsFailed", "Count")),
                directives(record).get(1).get("Metrics"));
        assertEquals("deploy-fleet", record.get("Workflow"));
        assertEquals("PARTIAL", record.get("Outcome"));
        assertEquals(List.of(1, 40, 2, 1), List.of(record.get("WorkflowExecutions"), record.get("InstancesRolledOut"),
                record.get("InstancesFailed"), record.get("TestFlowsFailed")));
    }

    @Test
    void aBatchSaysHowManyRecordsRanAndFailed() {
        InvocationSummary batch = new InvocationSummary("versori", "update-connector", "sqs", null, null, null, null,
                "validation", 1L, 1L, 0L, 0, 0, 0, 0, false, false, 3, 1, null);

        Map<String, Object> record = parse(EmfRecord.write(batch));

        assertEquals(3, record.get("records"));
        assertEquals(1, record.get("recordsFailed"));
        assertFalse(record.containsKey("requestId") || record.containsKey("traceId"), "absent, not null");
        assertTrue(EmfRecord.write(batch).startsWith("{\"_aws\":"), "the metadata comes first");
    }

    private static Map<String, Object> metric(String name, String unit) {
        return Map.of("Name", name, "Unit", unit);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> directives(Map<String, Object> record) {
        return (List<Map<String, Object>>) ((Map<String, Object>) record.get("_aws")).get("CloudWatchMetrics");
    }

    private static List<Object> dimensions(Map<String, Object> record) {
        return directives(record).stream().map(d -> d.get("Dimensions")).toList();
    }

    /** The JSON numbers as longs, so that the expectation can be written with literals. */
    @SuppressWarnings("unchecked")
    private static Object normalised(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, normalised(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(EmfRecordTest::normalised).toList();
        }
        return value instanceof Integer i ? (Object) i.longValue() : value;
    }
}
