package io.ipaasops.functions.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.common.Json;
import java.util.List;
import java.util.Map;

/**
 * Reads what a function under the runtime client wrote: its CloudWatch Embedded Metric Format records (lines of
 * stdout) and its JSON log lines (stderr), each checked against the observability contract as CloudWatch would
 * read it (docs/decisions/0029).
 */
public final class EmfRecords {

    /** Directive 1: every invocation, by platform and action, and by platform. */
    public static final List<List<String>> BY_ACTION = List.of(List.of("Platform", "Action"), List.of("Platform"));
    /** Directive 2: failures, by platform and error type. */
    public static final List<List<String>> BY_ERROR = List.of(List.of("Platform", "ErrorType"));
    /** Directive 3: a workflow's execution, by workflow and outcome, and by workflow. */
    public static final List<List<String>> BY_WORKFLOW = List.of(List.of("Workflow", "Outcome"), List.of("Workflow"));
    /** The metrics of directive 1 and their units, in the contract's order. */
    public static final Map<String, String> INVOCATION_METRICS = ordered("Invocations", "Count", "Errors", "Count",
            "Duration", "Milliseconds", "UpstreamTime", "Milliseconds", "UpstreamCalls", "Count", "Retries", "Count",
            "TokenExchanges", "Count", "SecretReads", "Count", "ColdStart", "Count", "Throttled", "Count");
    /** The metrics of directive 3. */
    public static final Map<String, String> WORKFLOW_METRICS = ordered("WorkflowExecutions", "Count",
            "InstancesRolledOut", "Count", "InstancesFailed", "Count", "TestFlowsFailed", "Count");

    private EmfRecords() {
    }

    /** The one record {@code process} wrote for request {@code requestId}; fails unless there is exactly one. */
    public static Map<String, Object> of(LambdaProcess process, String requestId) {
        List<Map<String, Object>> records = all(process).stream()
                .filter(r -> requestId.equals(r.get("requestId"))).toList();
        assertEquals(1, records.size(), () -> "EMF records of " + requestId + "\n" + process.describe());
        return records.get(0);
    }

    /** Every line of stdout that is an EMF record (an object with {@code _aws}), parsed and checked for shape. */
    public static List<Map<String, Object>> all(LambdaProcess process) {
        return process.stdout().lines().filter(l -> l.startsWith("{") && l.contains("\"_aws\""))
                .map(EmfRecords::parse).peek(EmfRecords::assertValid).toList();
    }

    /** The JSON log lines of stderr that carry {@code requestId}. */
    public static List<Map<String, Object>> logLines(LambdaProcess process, String requestId) {
        return process.stderr().lines().filter(l -> l.startsWith("{")).map(EmfRecords::parse)
                .filter(l -> requestId.equals(l.get("requestId"))).toList();
    }

    /**
     * Fails unless {@code record} is what CloudWatch extracts metrics from: {@code _aws.Timestamp} in epoch
     * milliseconds, directives in namespace {@code ipaas-ops}, each dimension a string member and each metric a
     * number member of the record.
     */
    @SuppressWarnings("unchecked")
    public static void assertValid(Map<String, Object> record) {
        Map<String, Object> aws = (Map<String, Object>) record.get("_aws");
        long timestamp = ((Number) aws.get("Timestamp")).longValue();
        assertTrue(Math.abs(System.currentTimeMillis() - timestamp) < 600_000, "Timestamp in epoch ms: " + timestamp);
        for (Map<String, Object> directive : (List<Map<String, Object>>) aws.get("CloudWatchMetrics")) {
            assertEquals("ipaas-ops", directive.get("Namespace"));
            for (List<String> set : (List<List<String>>) directive.get("Dimensions")) {
                set.forEach(d -> assertInstanceOf(String.class, record.get(d), d + " in " + record));
            }
            for (Map<String, Object> metric : (List<Map<String, Object>>) directive.get("Metrics")) {
                assertInstanceOf(Number.class, record.get((String) metric.get("Name")), metric + " in " + record);
            }
        }
    }

    /** The record's directives: dimension sets to metric names and units. */
    @SuppressWarnings("unchecked")
    public static Map<List<List<String>>, Map<String, String>> directives(Map<String, Object> record) {
        Map<List<List<String>>, Map<String, String>> directives = new java.util.LinkedHashMap<>();
        for (Map<String, Object> d : (List<Map<String, Object>>) ((Map<String, Object>) record.get("_aws"))
                .get("CloudWatchMetrics")) {
            Map<String, String> metrics = new java.util.LinkedHashMap<>();
            ((List<Map<String, Object>>) d.get("Metrics")).forEach(m -> metrics.put((String) m.get("Name"),
                    (String) m.get("Unit")));
            directives.put((List<List<String>>) d.get("Dimensions"), metrics);
        }
        return directives;
    }

    /** A number member of {@code record} as a long. */
    public static long number(Map<String, Object> record, String metric) {
        return ((Number) record.get(metric)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) {
        return Json.read(line, Map.class);
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
