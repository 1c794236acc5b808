package io.ipaasops.infra;

import io.ipaasops.functions.Actions;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.telemetry.WorkflowRun;
import io.ipaasops.workflows.Workflow;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The workflows as Standard state machines, each from its own definition file (what the tests run), its Tasks
 * substituted with the functions' {@code live} aliases; plus the alert topic, the alarms that should wake someone,
 * and the bucket a big fleet's rollout keeps its data in ({@link WorkflowData}).
 */
public final class WorkflowMachines extends Construct {

    /** The namespace the nightly tests count failures in. */
    public static final String NAMESPACE = OperationsMetrics.NAMESPACE;

    private final Map<Workflow, StateMachine> machines = new EnumMap<>(Workflow.class);
    private final Topic alerts;
    private final WorkflowData data;
    private final List<Alarm> alarms = new java.util.ArrayList<>();

    /** Creates a state machine per workflow over the functions in {@code lambdas} (by action name). */
    public WorkflowMachines(Construct scope, String id, Map<String, ActionLambda> lambdas, String alertEmail) {
        super(scope, id);
        Key key = Key.Builder.create(this, "AlertsKey").enableKeyRotation(true)
                .description("ipaas-ops: encrypts the workflow alert topic").removalPolicy(RemovalPolicy.DESTROY)
                .build();
        alerts = Topic.Builder.create(this, "Alerts").displayName("ipaas-ops alerts").masterKey(key)
                .enforceSsl(true).build();
        if (alertEmail != null && !alertEmail.isBlank()) {
            alerts.addSubscription(new EmailSubscription(alertEmail));
        }
        data = new WorkflowData(this, "Data");
        for (Workflow workflow : Workflow.values()) {
            machines.put(workflow, machine(workflow, lambdas, key));
        }
        StateMachine release = machines.get(Workflow.RELEASE);
        // A canary that failed ends the execution well, with a report that says FAILED: the report counts too.
        alarms.add(Alarm.Builder.create(this, "ReleaseFailed")
                .alarmDescription("ipaas-ops: a release did not fully land: an execution of "
                        + machineName(Workflow.RELEASE) + " failed, timed out or was aborted, or its report said"
                        + " FAILED (a canary failed, so nothing else moved) or PARTIAL (some instances failed). Open"
                        + " its latest execution in the Step Functions console: the output lists each failed instance"
                        + " with its error, the history the step that failed. Fix the cause, then start the release"
                        + " again under a new execution name.")
                .metric(anyOf("Release executions failed or reported FAILED or PARTIAL", Map.of(
                        "failed", release.metricFailed(), "timedOut", release.metricTimedOut(),
                        "aborted", release.metricAborted(),
                        "reportFailed", OperationsMetrics.executions(Workflow.RELEASE,
                                WorkflowRun.Outcome.FAILED, Duration.minutes(5)),
                        "reportPartial", OperationsMetrics.executions(Workflow.RELEASE,
                                WorkflowRun.Outcome.PARTIAL, Duration.minutes(5))), Duration.minutes(5)))
                .threshold(1).evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING).build());
        StateMachine nightly = machines.get(Workflow.NIGHTLY_TESTS);
        Duration day = Duration.days(1);
        // A run that fails before it counts writes no NightlyTestFailures: its failed execution counts instead.
        alarms.add(Alarm.Builder.create(this, "NightlyTestsFailing")
                .alarmDescription("ipaas-ops: a nightly test flow failed, or the nightly-tests run itself failed."
                        + " The alert topic got the report (each flow's executionId and status): look at a failed"
                        + " execution with get-execution, or in Prismatic, for the step that failed. Without a report,"
                        + " open the latest execution of " + machineName(Workflow.NIGHTLY_TESTS) + " in the Step"
                        + " Functions console. The alarm clears a day after the failing run.")
                .metric(anyOf("Nightly test flows failed, or runs that failed", Map.of(
                        "failures", OperationsMetrics.nightlyTestFailures(day),
                        "runFailed", nightly.metricFailed(MetricOptions.builder().period(day).build()),
                        "runTimedOut", nightly.metricTimedOut(MetricOptions.builder().period(day).build()),
                        "runAborted", nightly.metricAborted(MetricOptions.builder().period(day).build())), day))
                .threshold(1).evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING).build());
    }

    /** The sum of {@code metrics}, each missing data point read as 0 (most of them are missing most of the time). */
    private static MathExpression anyOf(String label, Map<String, IMetric> metrics, Duration period) {
        String sum = metrics.keySet().stream().sorted().map(k -> "FILL(" + k + ", 0)")
                .collect(java.util.stream.Collectors.joining(" + "));
        return MathExpression.Builder.create().expression(sum).usingMetrics(metrics).label(label).period(period)
                .build();
    }

    private StateMachine machine(Workflow workflow, Map<String, ActionLambda> lambdas, Key key) {
        String name = machineName(workflow);
        Map<String, String> substitutions = new LinkedHashMap<>();
        List<ActionLambda> invoked = new java.util.ArrayList<>();
        java.util.Set<String> used = workflow.placeholders();
        for (ActionFunction<?, ?> action : Actions.all()) {
            String placeholder = Workflow.placeholder(action);
            if (used.contains(placeholder)) {
                ActionLambda lambda = lambdas.get(action.name());
                substitutions.put(placeholder, lambda.alias().getFunctionArn());
                invoked.add(lambda);
            }
        }
        substitutions.put("AlertTopic", alerts.getTopicArn());
        boolean keepsData = used.contains(WorkflowData.PLACEHOLDER);
        if (keepsData) {
            substitutions.put(WorkflowData.PLACEHOLDER, data.bucket().getBucketName());
        }
        for (String placeholder : used) {
            if (!substitutions.containsKey(placeholder)) {
                throw new IllegalStateException("workflow " + workflow.id() + " invokes ${" + placeholder
                        + "}, which no action in the registry provides");
            }
        }
        LogGroup logs = LogGroup.Builder.create(this, IpaasOpsStack.pascal(workflow.id()) + "Logs")
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
        StateMachine machine = StateMachine.Builder.create(this, IpaasOpsStack.pascal(workflow.id()))
                .stateMachineName(name)
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromString(workflow.definition()))
                .definitionSubstitutions(substitutions)
                .tracingEnabled(true)
                .logs(LogOptions.builder().destination(logs).level(LogLevel.ALL).includeExecutionData(true).build())
                .build();
        invoked.forEach(lambda -> lambda.alias().grantInvoke(machine));
        if (keepsData) {
            data.grantStateMachine(machine, workflow);
            for (String action : tasksGiven(workflow, WorkflowData.PLACEHOLDER)) {
                data.grantFunction(action, lambdas.get(action).function(), workflow);
            }
        }
        if (workflow.definition().contains("\"DISTRIBUTED\"")) {
            // A Distributed Map runs each batch as a child execution of this state machine.
            String arn = Stack.of(this).formatArn(software.amazon.awscdk.ArnComponents.builder().service("states")
                    .resource("stateMachine").resourceName(name)
                    .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME).build());
            String executions = Stack.of(this).formatArn(software.amazon.awscdk.ArnComponents.builder()
                    .service("states").resource("execution").resourceName(name + ":*")
                    .arnFormat(software.amazon.awscdk.ArnFormat.COLON_RESOURCE_NAME).build());
            machine.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("states:StartExecution"))
                    .resources(List.of(arn)).build());
            machine.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("states:DescribeExecution", "states:StopExecution")).resources(List.of(executions))
                    .build());
        }
        if (workflow == Workflow.NIGHTLY_TESTS) {
            alerts.grantPublish(machine);
            key.grantEncryptDecrypt(machine);
            // PutMetricData has no resource-level permissions; the condition keeps it to our namespace.
            machine.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("cloudwatch:PutMetricData"))
                    .resources(List.of("*")).conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace",
                            NAMESPACE))).build());
        }
        return machine;
    }

    /**
     * The actions whose Task states {@code workflow}'s definition hands {@code placeholder} (in their Parameters):
     * exactly the functions that need what it stands for.
     */
    static Set<String> tasksGiven(Workflow workflow, String placeholder) {
        JsonNode definition;
        try {
            definition = JsonMapper.createDefault().readValue(workflow.definition(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("workflow " + workflow.id() + " is not JSON", e);
        }
        Set<String> actions = new TreeSet<>();
        collectTasks(definition.get("States"), "${" + placeholder + "}", actions);
        return actions;
    }

    private static void collectTasks(JsonNode states, String placeholder, Set<String> into) {
        for (Map.Entry<String, JsonNode> entry : states.entries()) {
            JsonNode state = entry.getValue();
            JsonNode resource = state.get("Resource");
            JsonNode parameters = state.get("Parameters");
            if ("Task".equals(state.get("Type").getStringValue()) && resource != null && parameters != null
                    && mentions(parameters, placeholder)) {
                String name = resource.getStringValue().replaceAll("^\\$\\{|}$", "");
                Actions.all().stream().filter(a -> Workflow.placeholder(a).equals(name)).findFirst()
                        .ifPresent(a -> into.add(a.name()));
            }
            JsonNode processor = state.get("ItemProcessor");
            if (processor != null) {
                collectTasks(processor.get("States"), placeholder, into);
            }
            JsonNode branches = state.get("Branches");
            if (branches != null) {
                branches.values().forEach(b -> collectTasks(b.get("States"), placeholder, into));
            }
        }
    }

    /** Whether any string in {@code node} contains {@code text}. */
    private static boolean mentions(JsonNode node, String text) {
        if (node.isString()) {
            return node.getStringValue().contains(text);
        }
        if (!node.isObject() && !node.isArray()) {
            return false;
        }
        for (JsonNode child : node.values()) {
            if (mentions(child, text)) {
                return true;
            }
        }
        return false;
    }

    /** The bucket the workflows keep a big fleet's data in. */
    public WorkflowData data() {
        return data;
    }

    /** The name of {@code workflow}'s state machine. */
    static String machineName(Workflow workflow) {
        return "ipaas-ops-" + workflow.id();
    }

    /** The state machine of {@code workflow}. */
    public StateMachine machine(Workflow workflow) {
        return machines.get(workflow);
    }

    /** The alarms on the workflows that should wake someone: a failed release, failing nightly tests. */
    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    /** The topic alerts go to. */
    public Topic alerts() {
        return alerts;
    }
}
