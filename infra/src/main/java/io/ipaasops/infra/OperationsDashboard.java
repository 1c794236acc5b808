package io.ipaasops.infra;

import io.ipaasops.core.Platform;
import io.ipaasops.telemetry.EmfRecord.Dimension;
import io.ipaasops.telemetry.EmfRecord.Metric;
import io.ipaasops.workflows.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.PeriodOverride;
import software.amazon.awscdk.services.cloudwatch.SingleValueWidget;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard an on-call engineer reads on one screen: invocations and errors by action and by error
 * type, duration and upstream time, cold starts, retries and throttles, dead letters, the workflows' outcomes, the
 * nightly test result, the alarms that wake someone, and the invocations' summary log lines.
 */
public final class OperationsDashboard extends Construct {

    /** The dashboard's name, a stack output. */
    static final String NAME = "ipaas-ops-operations";

    /** The Logs Insights query the dashboard runs over every function's log group (README, Operating it). */
    static final String INVOCATIONS_QUERY = "filter message = \"invocation\""
            + " | stats count(*) as calls, count(errorType) as failed, pct(durationMs, 50) as p50Ms,"
            + " pct(durationMs, 99) as p99Ms, pct(upstreamMs, 99) as upstreamP99Ms by platform, action, outcome"
            + " | sort calls desc | limit 50";

    /** A search's line label: CloudWatch's dynamic label for the series' action, instead of the expression. */
    private static final String BY_ACTION = "${PROP('Dim.Action')}";

    private static final Duration FIVE_MINUTES = Duration.minutes(5);
    private static final Duration HOUR = Duration.hours(1);
    private static final Duration DAY = Duration.days(1);
    private static final int WIDTH = 6;
    private static final int HEIGHT = 5;

    private final Dashboard dashboard;

    /**
     * Creates the dashboard.
     *
     * @param lambdas     the functions by action name
     * @param deadLetters every dead-letter queue, by the action whose queue it serves
     * @param onCall      the alarms that wake someone
     */
    public OperationsDashboard(Construct scope, String id, Map<String, ActionLambda> lambdas,
                               WorkflowMachines workflows, Map<String, IQueue> deadLetters, List<Alarm> onCall) {
        super(scope, id);
        List<IWidget> header = List.of(TextWidget.Builder.create()
                .markdown("## ipaas-ops\nEvery metric is per invocation, from the functions' embedded metric format"
                        + " records (namespace `" + OperationsMetrics.NAMESPACE + "`). What each graph and alarm means"
                        + " and what to do: README, *Operating it*.")
                .width(24).height(2).build());
        List<IWidget> traffic = List.of(
                graph("Invocations by action", List.of(OperationsMetrics.search(Metric.INVOCATIONS,
                        List.of(Dimension.PLATFORM, Dimension.ACTION), "Sum", FIVE_MINUTES, BY_ACTION)), List.of()),
                graph("Errors by action", List.of(OperationsMetrics.search(Metric.ERRORS,
                        List.of(Dimension.PLATFORM, Dimension.ACTION), "Sum", FIVE_MINUTES, BY_ACTION)), List.of()),
                graph("Errors by platform and error type", List.of(OperationsMetrics.search(Metric.ERRORS,
                        List.of(Dimension.PLATFORM, Dimension.ERROR_TYPE), "Sum", FIVE_MINUTES,
                        "${PROP('Dim.Platform')} ${PROP('Dim.ErrorType')}")), List.of()),
                AlarmStatusWidget.Builder.create().title("Alarms that wake someone")
                        .alarms(new ArrayList<IAlarm>(onCall)).width(WIDTH).height(HEIGHT).build());
        List<IWidget> speed = List.of(
                graph("Duration p50 / p99 by platform (ms)", percentiles(Metric.DURATION, List.of(Platform.values())),
                        List.of()),
                graph("Upstream time p50 / p99 by platform (ms)", percentiles(Metric.UPSTREAM_TIME, platforms()),
                        List.of()),
                graph("Cold starts by action", List.of(OperationsMetrics.search(Metric.COLD_START,
                        List.of(Dimension.PLATFORM, Dimension.ACTION), "Sum", FIVE_MINUTES, BY_ACTION)), List.of()),
                graph("Retries, rate limits (left) and Lambda throttles (right)", retriesAndRateLimits(),
                        List.of(lambdaThrottles(lambdas))));
        List<IWidget> outcomes = List.of(
                graph("Dead letters waiting", deadLetterDepth(deadLetters), List.of()),
                graph("Workflow reports by outcome (left), instances (right), per hour",
                        List.of(OperationsMetrics.search(Metric.WORKFLOW_EXECUTIONS,
                                List.of(Dimension.WORKFLOW, Dimension.OUTCOME), "Sum", HOUR,
                                "${PROP('Dim.Workflow')} ${PROP('Dim.Outcome')}")),
                        List.of(OperationsMetrics.search("(MetricName=\"" + Metric.INSTANCES_ROLLED_OUT.metricName()
                                        + "\" OR MetricName=\"" + Metric.INSTANCES_FAILED.metricName() + "\")",
                                List.of(Dimension.WORKFLOW), "Sum", HOUR,
                                "${PROP('Dim.Workflow')} ${PROP('MetricName')}"))),
                graph("State machine executions per hour", stateMachineExecutions(workflows), List.of()),
                SingleValueWidget.Builder.create().title("Nightly test flows failed (per day)")
                        .metrics(List.of(
                                OperationsMetrics.byWorkflow(Metric.TEST_FLOWS_FAILED, Workflow.NIGHTLY_TESTS, "Sum", DAY)
                                        .with(MetricOptions.builder().label("in the report").build()),
                                OperationsMetrics.nightlyTestFailures(DAY)
                                        .with(MetricOptions.builder().label("counted by the run").build())))
                        .sparkline(true).width(WIDTH).height(HEIGHT).build());
        List<IWidget> logs = List.of(LogQueryWidget.Builder.create()
                .title("Invocations by action and outcome (summary log lines)")
                .logGroupNames(lambdas.values().stream()
                        .map(lambda -> lambda.function().getLogGroup().getLogGroupName()).toList())
                .queryString(INVOCATIONS_QUERY)
                .width(24).height(6).build());
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(NAME)
                .defaultInterval(DAY)
                // Each graph keeps its own period: five minutes for calls, an hour for workflows, a day for nightly.
                .periodOverride(PeriodOverride.INHERIT)
                .widgets(List.of(header, traffic, speed, outcomes, logs))
                .build();
    }

    /** The dashboard. */
    public Dashboard dashboard() {
        return dashboard;
    }

    private static GraphWidget graph(String title, List<? extends IMetric> left, List<? extends IMetric> right) {
        return GraphWidget.Builder.create().title(title).left(new ArrayList<IMetric>(left))
                .right(new ArrayList<IMetric>(right)).width(WIDTH).height(HEIGHT).build();
    }

    /** The platforms that are called over the wire (the workflows' own steps call nothing). */
    private static List<Platform> platforms() {
        return List.of(Platform.values()).stream().filter(p -> p != Platform.WORKFLOW).toList();
    }

    private static List<IMetric> percentiles(Metric name, List<Platform> platforms) {
        List<IMetric> metrics = new ArrayList<>();
        for (Platform platform : platforms) {
            for (String statistic : List.of("p50", "p99")) {
                metrics.add(OperationsMetrics.byPlatform(name, platform, statistic, FIVE_MINUTES)
                        .with(MetricOptions.builder().label(platform.route() + " " + statistic).build()));
            }
        }
        return metrics;
    }

    private static List<IMetric> retriesAndRateLimits() {
        List<IMetric> metrics = new ArrayList<>();
        for (Platform platform : platforms()) {
            metrics.add(OperationsMetrics.byPlatform(Metric.RETRIES, platform, "Sum", FIVE_MINUTES)
                    .with(MetricOptions.builder().label(platform.route() + " retries").build()));
            metrics.add(OperationsMetrics.byPlatform(Metric.THROTTLED, platform, "Sum", FIVE_MINUTES)
                    .with(MetricOptions.builder().label(platform.route() + " rate-limited answers").build()));
        }
        return metrics;
    }

    /** Lambda's own throttles, summed over every function of the stack (one line, not 31). */
    private static MathExpression lambdaThrottles(Map<String, ActionLambda> lambdas) {
        Map<String, IMetric> using = new LinkedHashMap<>();
        for (ActionLambda lambda : lambdas.values()) {
            using.put("throttles" + using.size(), lambda.function().metricThrottles(
                    MetricOptions.builder().period(FIVE_MINUTES).statistic("Sum").build()));
        }
        return MathExpression.Builder.create().expression("SUM([" + String.join(",", using.keySet()) + "])")
                .usingMetrics(using).label("Lambda throttles, all functions").period(FIVE_MINUTES).build();
    }

    private static List<IMetric> deadLetterDepth(Map<String, IQueue> deadLetters) {
        List<IMetric> metrics = new ArrayList<>();
        deadLetters.forEach((action, queue) -> metrics.add(queue.metricApproximateNumberOfMessagesVisible(
                MetricOptions.builder().statistic("Maximum").period(FIVE_MINUTES).label(action).build())));
        return metrics;
    }

    private static List<IMetric> stateMachineExecutions(WorkflowMachines workflows) {
        List<IMetric> metrics = new ArrayList<>();
        for (Workflow workflow : Workflow.values()) {
            StateMachine machine = workflows.machine(workflow);
            metrics.add(machine.metricSucceeded(MetricOptions.builder().period(HOUR)
                    .label(workflow.id() + " succeeded").build()));
            metrics.add(machine.metricFailed(MetricOptions.builder().period(HOUR)
                    .label(workflow.id() + " failed").build()));
        }
        return metrics;
    }
}
