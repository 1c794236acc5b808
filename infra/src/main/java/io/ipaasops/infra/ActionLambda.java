package io.ipaasops.infra;

import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.lambda.FunctionRuntime;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One action's Lambda function: its own log group and least-privilege role, SnapStart on a published version
 * behind the alias {@code live} (which every trigger invokes), X-Ray active tracing, and alarms on errors and
 * throttles.
 */
public final class ActionLambda extends Construct {

    /** Start-up flags for a short-lived JVM: C1 only, so the first calls are fast (issues 7 and 14 measure it). */
    static final String JAVA_TOOL_OPTIONS = FunctionRuntime.JAVA_TOOL_OPTIONS;

    /** The id of CDK's warning that SnapStart needs published versions. */
    static final String SNAP_START_WARNING = "@aws-cdk/aws-lambda:snapStartRequirePublish";

    private final Function function;
    private final Alias alias;

    /**
     * Creates the function for {@code action}.
     *
     * @param environment the environment variables: secret ids, idempotency table, URLs
     */
    public ActionLambda(Construct scope, String id, ActionFunction<?, ?> action, Code code, InfraConfig config,
                        Map<String, String> environment) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("ipaas-ops " + action.name() + ": writes its own logs; secrets and table grants added")
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logs.getLogGroupArn(), logs.getLogGroupArn() + ":log-stream:*"))
                .build());
        function = Function.Builder.create(this, "Function")
                .description("ipaas-ops action " + action.name())
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                // The class name only: with ::handleRequest the runtime client cannot resolve the handler type.
                .handler(action.getClass().getName())
                .code(code)
                .memorySize(config.memoryMb(action.name()))
                .timeout(Duration.seconds(config.timeoutSeconds(action.name())))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                // Lambda reads a JSON line without a level, as each metrics record is, as INFO: a higher
                // application level would drop every record (decision 0029).
                .applicationLogLevelV2(ApplicationLogLevel.INFO)
                .environment(environment)
                // X-Ray traces from Lambda itself (CDK grants the role PutTraceSegments): no SDK in the jar.
                .tracing(Tracing.ACTIVE)
                .build();
        // CDK warns on every SnapStart function that only published versions are snapshotted; this one publishes
        // its current version, and the alias below, which every trigger invokes, points at it.
        Annotations.of(function).acknowledgeWarning(SNAP_START_WARNING,
                "SnapStart applies to the version behind the alias live, which every trigger invokes");
        Alias.Builder live = Alias.Builder.create(this, "Live")
                .aliasName("live")
                .version(function.getCurrentVersion());
        if (action.effect() == ActionFunction.Effect.WRITE) {
            // An asynchronous invocation (a schedule) that failed is not re-run by Lambda: a change whose outcome
            // is unknown must not be repeated blindly; the handler already retries what surely did not apply.
            live.retryAttempts(0);
        }
        alias = live.build();
        Alarm.Builder.create(this, "Errors")
                .alarmDescription("ipaas-ops " + action.name() + " failed")
                .metric(alias.metricErrors())
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        Alarm.Builder.create(this, "Throttles")
                .alarmDescription("ipaas-ops " + action.name() + " was throttled")
                .metric(alias.metricThrottles())
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    /** The function. */
    public Function function() {
        return function;
    }

    /** The alias every trigger invokes (the SnapStart-published version). */
    public Alias alias() {
        return alias;
    }
}
