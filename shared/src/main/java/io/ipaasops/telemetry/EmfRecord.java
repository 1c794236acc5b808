package io.ipaasops.telemetry;

import io.ipaasops.logging.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one invocation as a CloudWatch Embedded Metric Format record: one JSON line whose {@code _aws} metadata
 * tells CloudWatch Logs which members are metrics (with their units) under which dimension sets. The names are the
 * observability contract the dashboard and alarms read (docs/decisions/0029); do not rename them.
 *
 * <p>Directive 1 (every invocation) by {@code [Platform, Action]} and {@code [Platform]}; directive 2 (failures
 * only) {@code Errors} by {@code [Platform, ErrorType]}; directive 3 (a workflow's summary step) the execution by
 * {@code [Workflow, Outcome]} and {@code [Workflow]}. The remaining members are properties: searchable in Logs
 * Insights, not metrics.</p>
 */
public final class EmfRecord {

    /** The CloudWatch namespace of every metric. */
    public static final String NAMESPACE = "ipaas-ops";

    /** A unit CloudWatch knows. */
    enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds");

        private final String name;

        Unit(String name) {
            this.name = name;
        }
    }

    /** Every metric of the records, with its unit. */
    public enum Metric {
        INVOCATIONS("Invocations", Unit.COUNT),
        ERRORS("Errors", Unit.COUNT),
        DURATION("Duration", Unit.MILLISECONDS),
        UPSTREAM_TIME("UpstreamTime", Unit.MILLISECONDS),
        UPSTREAM_CALLS("UpstreamCalls", Unit.COUNT),
        RETRIES("Retries", Unit.COUNT),
        TOKEN_EXCHANGES("TokenExchanges", Unit.COUNT),
        SECRET_READS("SecretReads", Unit.COUNT),
        COLD_START("ColdStart", Unit.COUNT),
        THROTTLED("Throttled", Unit.COUNT),
        WORKFLOW_EXECUTIONS("WorkflowExecutions", Unit.COUNT),
        INSTANCES_ROLLED_OUT("InstancesRolledOut", Unit.COUNT),
        INSTANCES_FAILED("InstancesFailed", Unit.COUNT),
        TEST_FLOWS_FAILED("TestFlowsFailed", Unit.COUNT);

        private final String name;
        private final Unit unit;

        Metric(String name, Unit unit) {
            this.name = name;
            this.unit = unit;
        }

        /** Its name in the record and in CloudWatch. */
        public String metricName() {
            return name;
        }

        /** Its unit's name, as CloudWatch spells it. */
        public String unit() {
            return unit.name;
        }
    }

    /** Every dimension of the records; the stack's dashboard and alarms read the same names. */
    public enum Dimension {
        PLATFORM("Platform"),
        ACTION("Action"),
        ERROR_TYPE("ErrorType"),
        WORKFLOW("Workflow"),
        OUTCOME("Outcome");

        private final String name;

        Dimension(String name) {
            this.name = name;
        }

        /** Its name in the record and in CloudWatch. */
        public String dimensionName() {
            return name;
        }
    }

    /** The metrics of directive 1, reported for every invocation. */
    static final List<Metric> INVOCATION_METRICS = List.of(Metric.INVOCATIONS, Metric.ERRORS, Metric.DURATION,
            Metric.UPSTREAM_TIME, Metric.UPSTREAM_CALLS, Metric.RETRIES, Metric.TOKEN_EXCHANGES, Metric.SECRET_READS,
            Metric.COLD_START, Metric.THROTTLED);
    /** The metrics of directive 3, reported by a workflow's summary step. */
    static final List<Metric> WORKFLOW_METRICS = List.of(Metric.WORKFLOW_EXECUTIONS, Metric.INSTANCES_ROLLED_OUT,
            Metric.INSTANCES_FAILED, Metric.TEST_FLOWS_FAILED);

    private EmfRecord() {
    }

    /** The record of {@code invocation}, one line of JSON without the line break. */
    public static String write(InvocationSummary invocation) {
        List<Object> directives = new ArrayList<>();
        directives.add(directive(List.of(List.of(Dimension.PLATFORM, Dimension.ACTION), List.of(Dimension.PLATFORM)),
                INVOCATION_METRICS));
        if (invocation.failed()) {
            directives.add(directive(List.of(List.of(Dimension.PLATFORM, Dimension.ERROR_TYPE)),
                    List.of(Metric.ERRORS)));
        }
        WorkflowRun run = invocation.workflow();
        if (run != null) {
            directives.add(directive(List.of(List.of(Dimension.WORKFLOW, Dimension.OUTCOME),
                    List.of(Dimension.WORKFLOW)), WORKFLOW_METRICS));
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("_aws", pair("Timestamp", invocation.startedAt(), "CloudWatchMetrics", directives));
        record.put(Dimension.PLATFORM.dimensionName(), invocation.platform());
        record.put(Dimension.ACTION.dimensionName(), invocation.action());
        if (invocation.failed()) {
            record.put(Dimension.ERROR_TYPE.dimensionName(), invocation.errorType());
        }
        if (run != null) {
            record.put(Dimension.WORKFLOW.dimensionName(), run.workflow().id());
            record.put(Dimension.OUTCOME.dimensionName(), run.outcome().name());
        }
        record.put(Metric.INVOCATIONS.metricName(), 1);
        record.put(Metric.ERRORS.metricName(), invocation.failed() ? 1 : 0);
        record.put(Metric.DURATION.metricName(), millis(invocation.durationNanos()));
        record.put(Metric.UPSTREAM_TIME.metricName(), millis(invocation.upstreamNanos()));
        record.put(Metric.UPSTREAM_CALLS.metricName(), invocation.upstreamCalls());
        record.put(Metric.RETRIES.metricName(), invocation.retries());
        record.put(Metric.TOKEN_EXCHANGES.metricName(), invocation.tokenExchanges());
        record.put(Metric.SECRET_READS.metricName(), invocation.secretReads());
        record.put(Metric.COLD_START.metricName(), invocation.coldStart() ? 1 : 0);
        record.put(Metric.THROTTLED.metricName(), invocation.throttled() ? 1 : 0);
        if (run != null) {
            record.put(Metric.WORKFLOW_EXECUTIONS.metricName(), 1);
            record.put(Metric.INSTANCES_ROLLED_OUT.metricName(), run.rolledOut());
            record.put(Metric.INSTANCES_FAILED.metricName(), run.failed());
            record.put(Metric.TEST_FLOWS_FAILED.metricName(), run.testsFailed());
        }
        putIfPresent(record, "requestId", invocation.requestId());
        record.put("trigger", invocation.trigger());
        putIfPresent(record, "deliveryKey", invocation.deliveryKey());
        putIfPresent(record, "execution", invocation.execution());
        record.put("outcome", invocation.outcome());
        putIfPresent(record, "traceId", invocation.traceId());
        if (invocation.records() > 0) {
            record.put("records", invocation.records());
            record.put("recordsFailed", invocation.failedRecords());
        }
        return JsonText.write(record);
    }

    private static Map<String, Object> directive(List<List<Dimension>> dimensions, List<Metric> metrics) {
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", NAMESPACE);
        directive.put("Dimensions", dimensions.stream().map(set -> set.stream().map(Dimension::dimensionName)
                .toList()).toList());
        directive.put("Metrics", metrics.stream().map(m -> pair("Name", m.metricName(), "Unit", m.unit())).toList());
        return directive;
    }

    /** A two-member object, in this order (Map.of would write them in any). */
    private static Map<String, Object> pair(String first, Object a, String second, Object b) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(first, a);
        map.put(second, b);
        return map;
    }

    /** Milliseconds with microsecond precision. */
    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    private static void putIfPresent(Map<String, Object> record, String name, Object value) {
        if (value != null) {
            record.put(name, value);
        }
    }
}
