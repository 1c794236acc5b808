package io.ipaasops.infra;

import io.ipaasops.core.Platform;
import io.ipaasops.workflows.Workflow;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.functions.Actions;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SfnStateMachine;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The whole toolkit in one account: a Lambda function per registered action, the four secrets, the webhook API,
 * the schedules and queues from {@code infra/ipaas-ops.json}, the idempotency table, alarms and outputs. GitHub's
 * push webhook is wired by {@link GitHubWebhook}; {@link #githubWebhook()} lets the workflows' state machines in.
 */
public final class IpaasOpsStack extends Stack {

    /** The variable each platform's secret id goes in. */
    private static final Map<Platform, String> SECRET_VARIABLES = Map.of(Platform.PRISMATIC, "PRISMATIC_SECRET_ID",
            Platform.VERSORI, "VERSORI_SECRET_ID", Platform.GITHUB, "GITHUB_SECRET_ID");

    private final Map<String, ActionLambda> lambdas = new LinkedHashMap<>();
    private final Map<String, IQueue> deadLetterQueues = new LinkedHashMap<>();
    private final List<Alarm> deadLetterAlarms = new ArrayList<>();
    private final GitHubWebhook githubWebhook;
    private final WorkflowMachines workflows;

    /**
     * Builds the stack.
     *
     * @param code    the Lambda deployable, {@code ipaas-ops-lambda.jar}
     * @param secrets existing secret names to import by platform ({@code prismatic}, {@code versori},
     *                {@code github}, {@code webhook}); a platform without one gets a new, empty secret
     */
    public IpaasOpsStack(Construct scope, String id, StackProps props, Code code, InfraConfig config,
                         Map<String, String> secrets) {
        super(scope, id, props);
        ISecret prismatic = secret("Prismatic", secrets.get("prismatic"),
                "ipaas-ops: Prismatic credentials as JSON {\"refreshToken\": \"...\", \"tenantId\": \"...\"}"
                        + " (tenantId optional; the refresh token from `prism me:token --type refresh`)");
        ISecret versori = secret("Versori", secrets.get("versori"),
                "ipaas-ops: Versori credentials as JSON {\"apiKey\": \"...\", \"organisationId\": \"...\"}");
        ISecret github = secret("GitHub", secrets.get("github"),
                "ipaas-ops: GitHub token as JSON {\"token\": \"...\"} (a fine-grained token with Contents: read);"
                        + " {} reads public repositories only");
        Map<Platform, ISecret> platformSecrets = Map.of(Platform.PRISMATIC, prismatic, Platform.VERSORI, versori,
                Platform.GITHUB, github);
        ISecret webhook = secret("Webhook", secrets.get("webhook"),
                "ipaas-ops: webhook signing secrets as JSON {\"secrets\": [\"...\"]}; several during a rotation");
        Table table = Table.Builder.create(this, "IdempotencyTable")
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute("expiresAt")
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        for (ActionFunction<?, ?> action : Actions.all()) {
            // The push webhook calls no GitHub API and the workflows' own steps call nothing: no platform secret.
            ISecret platform = action.name().equals(GitHubWebhook.ACTION) ? null
                    : platformSecrets.get(action.platform());
            Map<String, String> environment = new LinkedHashMap<>();
            if (platform != null) {
                environment.put(SECRET_VARIABLES.get(action.platform()), platform.getSecretArn());
            }
            environment.put("WEBHOOK_SECRET_ID", webhook.getSecretArn());
            environment.put("JAVA_TOOL_OPTIONS", ActionLambda.JAVA_TOOL_OPTIONS);
            if (action.effect() == ActionFunction.Effect.WRITE) {
                environment.put("IDEMPOTENCY_TABLE", table.getTableName());
            }
            ActionLambda lambda = new ActionLambda(this, pascal(action.name()), action, code, config, environment);
            if (platform != null) {
                platform.grantRead(lambda.function());
            }
            webhook.grantRead(lambda.function());
            if (action.effect() == ActionFunction.Effect.WRITE) {
                table.grantReadWriteData(lambda.function());
            }
            lambdas.put(action.name(), lambda);
        }
        workflows = new WorkflowMachines(this, "Workflows", lambdas, config.alertEmail());
        githubWebhook = new GitHubWebhook(lambdas.get(GitHubWebhook.ACTION), config);
        githubWebhook.useStateMachines(workflows.machine(Workflow.RELEASE), workflows.machine(Workflow.SYNC_CONNECTOR));
        HttpApi api = webhooks(config);
        schedules(config);
        List<String> queueUrls = queues(config);

        CfnOutput.Builder.create(this, "ApiUrl").value(api.getApiEndpoint())
                .description("POST {ApiUrl}/prismatic/<action>, /versori/<action>, /github/<action>, signed;"
                        + " GitHub's push webhook: {ApiUrl}/github/push").build();
        CfnOutput.Builder.create(this, "PrismaticSecretName").value(prismatic.getSecretName()).build();
        CfnOutput.Builder.create(this, "VersoriSecretName").value(versori.getSecretName()).build();
        CfnOutput.Builder.create(this, "GitHubSecretName").value(github.getSecretName()).build();
        CfnOutput.Builder.create(this, "WebhookSecretName").value(webhook.getSecretName()).build();
        CfnOutput.Builder.create(this, "IdempotencyTableName").value(table.getTableName()).build();
        for (Workflow workflow : Workflow.values()) {
            CfnOutput.Builder.create(this, pascal(workflow.id()) + "StateMachineArn")
                    .value(workflows.machine(workflow).getStateMachineArn())
                    .description("aws stepfunctions start-execution --state-machine-arn <this> --input '{...}'")
                    .build();
        }
        CfnOutput.Builder.create(this, "AlertTopicArn").value(workflows.alerts().getTopicArn()).build();
        CfnOutput.Builder.create(this, "WorkflowDataBucketName").value(workflows.data().bucket().getBucketName())
                .description("A rollout's full report: s3://<this>/<workflow>/<execution name>/report.json").build();
        // Operations (issue 16): the alarms that wake someone, all to the alert topic, and the dashboard.
        List<Alarm> paging = new ArrayList<>(workflows.alarms());
        paging.addAll(deadLetterAlarms);
        OnCallAlarms onCall = new OnCallAlarms(this, "OnCall", workflows.alerts(), paging);
        OperationsDashboard operations = new OperationsDashboard(this, "Operations", lambdas, workflows,
                deadLetterQueues, onCall.alarms());
        CfnOutput.Builder.create(this, "DashboardName").value(operations.dashboard().getDashboardName())
                .description("CloudWatch console > Dashboards > this name; README, Operating it").build();
        for (int i = 0; i < queueUrls.size(); i++) {
            CfnOutput.Builder.create(this, pascal(config.queues().get(i)) + "QueueUrl").value(queueUrls.get(i))
                    .build();
        }
        suppressions(api);
    }

    /** The workflows' state machines. */
    public WorkflowMachines workflows() {
        return workflows;
    }

    /** The functions by action name. */
    public Map<String, ActionLambda> lambdas() {
        return lambdas;
    }

    /** GitHub's push webhook, for {@link GitHubWebhook#useStateMachines} once the workflows exist. */
    public GitHubWebhook githubWebhook() {
        return githubWebhook;
    }

    private ISecret secret(String name, String existing, String description) {
        if (existing != null && !existing.isBlank()) {
            return existing.startsWith("arn:") ? Secret.fromSecretCompleteArn(this, name + "Secret", existing)
                    : Secret.fromSecretNameV2(this, name + "Secret", existing);
        }
        // Created holding "{}": the real value comes from the platforms, put there after deploy (README).
        return Secret.Builder.create(this, name + "Secret")
                .description(description)
                .secretStringValue(SecretValue.unsafePlainText("{}"))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    private HttpApi webhooks(InfraConfig config) {
        HttpApi api = HttpApi.Builder.create(this, "WebhookApi")
                .description("ipaas-ops webhooks: POST /prismatic/<action>, /versori/<action>, /github/<action>,"
                        + " GitHub's /github/push; HMAC-signed")
                .createDefaultStage(false)
                .build();
        LogGroup accessLogs = LogGroup.Builder.create(this, "WebhookApiAccessLogs")
                .retention(RetentionDays.ONE_MONTH).removalPolicy(RemovalPolicy.DESTROY).build();
        HttpStage.Builder.create(this, "WebhookApiStage")
                .httpApi(api)
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder().rateLimit(config.rateLimit()).burstLimit(config.burstLimit())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return new LogGroupLogDestination(accessLogs);
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.jsonWithStandardFields();
                    }
                })
                .build();
        lambdas.forEach((name, lambda) -> api.addRoutes(AddRoutesOptions.builder()
                .path(Actions.named(name).orElseThrow().route())
                .methods(List.of(HttpMethod.POST))
                .integration(new HttpLambdaIntegration(pascal(name) + "Integration", lambda.alias()))
                .build()));
        return api;
    }

    private void schedules(InfraConfig config) {
        for (InfraConfig.Schedule schedule : config.schedules()) {
            if (schedule.workflow() != null) {
                Workflow workflow = Workflow.named(schedule.workflow()).orElseThrow(() -> new IllegalArgumentException(
                        "schedule " + schedule.name() + " names unknown workflow " + schedule.workflow()));
                Rule.Builder.create(this, schedule.name() + "Schedule")
                        .description("ipaas-ops: workflow " + workflow.id() + " on " + schedule.expression())
                        .schedule(Schedule.expression(schedule.expression()))
                        .targets(List.of(SfnStateMachine.Builder.create(workflows.machine(workflow))
                                .input(RuleTargetInput.fromObject(schedule.input())).retryAttempts(2).build()))
                        .build();
                continue;
            }
            ActionLambda lambda = lambdas.get(schedule.action());
            if (lambda == null) {
                throw new IllegalArgumentException("schedule " + schedule.name() + " names unknown action "
                        + schedule.action());
            }
            Rule.Builder.create(this, schedule.name() + "Schedule")
                    .description("ipaas-ops: " + schedule.action() + " on " + schedule.expression())
                    .schedule(Schedule.expression(schedule.expression()))
                    .targets(List.of(LambdaFunction.Builder.create(lambda.alias())
                            // The object itself is the event, so the handler sees a direct invocation's input.
                            .event(RuleTargetInput.fromObject(schedule.input())).retryAttempts(2).build()))
                    .build();
        }
    }

    private List<String> queues(InfraConfig config) {
        List<String> urls = new ArrayList<>();
        for (String action : config.queues()) {
            ActionLambda lambda = lambdas.get(action);
            if (lambda == null) {
                throw new IllegalArgumentException("queue names unknown action " + action);
            }
            String id = pascal(action);
            Queue deadLetters = Queue.Builder.create(this, id + "DeadLetters")
                    .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
                    .retentionPeriod(Duration.days(14)).build();
            Queue queue = Queue.Builder.create(this, id + "Queue")
                    .encryption(QueueEncryption.SQS_MANAGED).enforceSsl(true)
                    // Six times the function timeout, as Lambda recommends for SQS event sources.
                    .visibilityTimeout(Duration.seconds(6L * config.timeoutSeconds(action)))
                    .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(5).build())
                    .build();
            lambda.alias().addEventSource(SqsEventSource.Builder.create(queue).batchSize(10)
                    .reportBatchItemFailures(true).build());
            deadLetterQueues.put(action, deadLetters);
            deadLetterAlarms.add(Alarm.Builder.create(this, id + "DeadLettersAlarm")
                    .alarmDescription("ipaas-ops " + action + ": messages failed five deliveries and"
                            + " wait in the dead-letter queue " + deadLetters.getQueueName() + ". Read them (aws sqs"
                            + " receive-message --queue-url " + deadLetters.getQueueUrl() + "), find their runs in"
                            + " the logs by deliveryKey, the message id (README, Operating it), fix the cause, then"
                            + " send them back: aws sqs start-message-move-task --source-arn "
                            + deadLetters.getQueueArn())
                    .metric(deadLetters.metricApproximateNumberOfMessagesVisible())
                    .threshold(1).evaluationPeriods(1)
                    .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                    .treatMissingData(TreatMissingData.NOT_BREACHING)
                    .build());
            urls.add(queue.getQueueUrl());
        }
        return urls;
    }

    private void suppressions(HttpApi api) {
        NagSuppressions.addResourceSuppressions(api, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-APIG4")
                .reason("Webhook callers (GitHub, CI systems) cannot obtain IAM or Cognito credentials; every"
                        + " function verifies an HMAC-SHA256 signature of the raw body before running anything.")
                .build()), true);
        NagSuppressions.addStackSuppressions(this, List.of(
                NagPackSuppression.builder().id("AwsSolutions-SMG4")
                        .reason("The secrets hold credentials issued by Prismatic, Versori, GitHub and webhook"
                                + " senders; they cannot be rotated by a Lambda rotation function. Rotation is"
                                + " manual and documented: several webhook secrets can be active at once.").build(),
                NagPackSuppression.builder().id("AwsSolutions-IAM5")
                        .reason("Only log-stream ARNs under each function's own log group, the idempotency"
                                + " table's index ARNs from grantReadWriteData, the secret version suffix"
                                + " from grantRead, each alias's version suffix from grantInvoke, the executions of"
                                + " a workflow's own Distributed Map, the workflow data bucket's objects under each"
                                + " workflow's own prefix, the KMS actions CDK grants for the alert"
                                + " topic, cloudwatch:PutMetricData (no resource-level permissions; limited to"
                                + " our namespace by a condition) and the X-Ray trace uploads of active tracing"
                                + " (xray:PutTraceSegments, PutTelemetryRecords, sampling rules: no resource-level"
                                + " permissions) are wildcards.")
                        .build()));
    }

    /** {@code deploy-instance} to {@code DeployInstance}. */
    static String pascal(String kebab) {
        StringBuilder out = new StringBuilder();
        for (String part : kebab.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
