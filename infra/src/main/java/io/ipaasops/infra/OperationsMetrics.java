package io.ipaasops.infra;

import io.ipaasops.core.ErrorType;
import io.ipaasops.core.Platform;
import io.ipaasops.telemetry.EmfRecord.Dimension;
import io.ipaasops.telemetry.EmfRecord;
import io.ipaasops.telemetry.WorkflowRun;
import io.ipaasops.workflows.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.SearchExpression;

/**
 * The metrics the functions write as embedded metric format records (namespace {@code ipaas-ops}), named as the
 * observability contract names them, so the dashboard and the alarms read exactly what the functions write.
 */
final class OperationsMetrics {

    /** The namespace of every metric of ours. */
    static final String NAMESPACE = EmfRecord.NAMESPACE;

    /** The metric the nightly-tests definition writes itself (PutMetricData, no dimensions). */
    static final String NIGHTLY_TEST_FAILURES = "NightlyTestFailures";

    private OperationsMetrics() {
    }

    /** {@code name} for one platform (the contract's {@code [Platform]} dimension set). */
    static Metric byPlatform(EmfRecord.Metric name, Platform platform, String statistic, Duration period) {
        return metric(name, Map.of(Dimension.PLATFORM, platform.route()), statistic, period);
    }

    /** {@code Errors} of one platform and error type (the contract's second directive). */
    static Metric errors(Platform platform, ErrorType type, Duration period) {
        Map<Dimension, String> dimensions = new LinkedHashMap<>();
        dimensions.put(Dimension.PLATFORM, platform.route());
        dimensions.put(Dimension.ERROR_TYPE, type.json());
        return metric(EmfRecord.Metric.ERRORS, dimensions, "Sum", period);
    }

    /** {@code name} of one workflow's reports ({@code [Workflow]}). */
    static Metric byWorkflow(EmfRecord.Metric name, Workflow workflow, String statistic, Duration period) {
        return metric(name, Map.of(Dimension.WORKFLOW, workflow.id()), statistic, period);
    }

    /** {@code WorkflowExecutions} of one workflow with one outcome ({@code [Workflow, Outcome]}). */
    static Metric executions(Workflow workflow, WorkflowRun.Outcome outcome, Duration period) {
        Map<Dimension, String> dimensions = new LinkedHashMap<>();
        dimensions.put(Dimension.WORKFLOW, workflow.id());
        dimensions.put(Dimension.OUTCOME, outcome.name());
        return metric(EmfRecord.Metric.WORKFLOW_EXECUTIONS, dimensions, "Sum", period);
    }

    /** The metric the nightly-tests definition writes: failed test flows of a run. */
    static Metric nightlyTestFailures(Duration period) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(NIGHTLY_TEST_FAILURES).statistic("Sum")
                .period(period).build();
    }

    /**
     * Every series of {@code name} with exactly the dimensions {@code schema}, one line each: a dashboard-only
     * expression (alarms cannot search), so a new action shows up without a change here.
     */
    static SearchExpression search(EmfRecord.Metric name, List<Dimension> schema, String statistic, Duration period,
                                   String label) {
        return search("MetricName=\"" + name.metricName() + "\"", schema, statistic, period, label);
    }

    /** As {@link #search(EmfRecord.Metric, List, String, Duration, String)} with any search term, such as an {@code OR}. */
    static SearchExpression search(String term, List<Dimension> schema, String statistic, Duration period,
                                   String label) {
        // The namespace is quoted: it holds a hyphen, and the search syntax wants such names in double quotes.
        String dimensions = schema.stream().map(Dimension::dimensionName).collect(Collectors.joining(","));
        String expression = "SEARCH('{\"" + NAMESPACE + "\"," + dimensions + "} " + term + "', '" + statistic
                + "', " + period.toSeconds().longValue() + ")";
        SearchExpression.Builder search = SearchExpression.Builder.create().expression(expression).period(period);
        if (!label.isEmpty()) {
            search.label(label);
        }
        return search.build();
    }

    private static Metric metric(EmfRecord.Metric name, Map<Dimension, String> dimensions, String statistic,
                                 Duration period) {
        Map<String, String> named = new LinkedHashMap<>();
        dimensions.forEach((dimension, value) -> named.put(dimension.dimensionName(), value));
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name.metricName()).dimensionsMap(named)
                .statistic(statistic).period(period).build();
    }
}
