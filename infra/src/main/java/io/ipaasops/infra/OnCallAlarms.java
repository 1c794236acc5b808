package io.ipaasops.infra;

import io.ipaasops.core.ErrorType;
import io.ipaasops.core.Platform;
import io.ipaasops.telemetry.EmfRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * The alarms that should wake someone, all sending to the alert topic when they fire and when they clear: the ones
 * the stack already has (a failed release, failing nightly tests, each dead-letter queue) and Prismatic's error rate.
 */
public final class OnCallAlarms extends Construct {

    /** Alarm when more than this share of Prismatic calls, in percent, failed for Prismatic's reasons. */
    static final int PRISMATIC_ERROR_PERCENT = 10;

    /** Below this many Prismatic calls in a period the rate says too little to wake anyone. */
    static final int PRISMATIC_MIN_CALLS = 5;

    /** The period the rate is computed over. */
    static final Duration PRISMATIC_PERIOD = Duration.minutes(5);

    /** Consecutive periods over the threshold before the alarm fires. */
    static final int PRISMATIC_PERIODS = 3;

    /**
     * The error types that say Prismatic (or our standing with it) is unwell; validation, not_found and conflict are
     * answers to a caller's request, which Prismatic gave correctly.
     */
    static final List<ErrorType> PLATFORM_ERRORS = List.of(ErrorType.UNAUTHORIZED, ErrorType.TRANSIENT,
            ErrorType.UPSTREAM, ErrorType.INDETERMINATE);

    private final Alarm prismaticErrorRate;
    private final List<Alarm> alarms = new ArrayList<>();

    /**
     * Creates Prismatic's error-rate alarm and sends {@code existing} and it to {@code alerts}.
     *
     * @param existing the stack's other alarms that should wake someone
     */
    public OnCallAlarms(Construct scope, String id, ITopic alerts, List<Alarm> existing) {
        super(scope, id);
        prismaticErrorRate = Alarm.Builder.create(this, "PrismaticErrorRate")
                .alarmDescription("ipaas-ops: more than " + PRISMATIC_ERROR_PERCENT + "% of Prismatic calls failed"
                        + " for Prismatic's reasons (" + PLATFORM_ERRORS.stream().map(ErrorType::json)
                        .collect(Collectors.joining(", ")) + ", after our retries) in " + PRISMATIC_PERIODS
                        + " periods of " + PRISMATIC_PERIOD.toMinutes() + " minutes in a row. On the dashboard,"
                        + " 'Errors by platform and error type' says which. unauthorized: the refresh token in the"
                        + " Prismatic secret was revoked or expired; put a new one (README, Deploy to AWS, step 3)."
                        + " transient or upstream: Prismatic is degraded; check its status page; queued deliveries"
                        + " retry, then park in the dead-letter queues. indeterminate: a change may or may not have"
                        + " applied; read the instances back (README, Operating it) before running it again.")
                .metric(prismaticErrorRate())
                .threshold(PRISMATIC_ERROR_PERCENT)
                .evaluationPeriods(PRISMATIC_PERIODS)
                .datapointsToAlarm(PRISMATIC_PERIODS)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarms.addAll(existing);
        alarms.add(prismaticErrorRate);
        SnsAction action = new SnsAction(alerts);
        for (Alarm alarm : alarms) {
            alarm.addAlarmAction(action);
            // Also when it clears, so whoever was woken knows it is over.
            alarm.addOkAction(action);
        }
    }

    /**
     * Prismatic's error rate in percent: its platform errors over its invocations, 0 when there were fewer than
     * {@link #PRISMATIC_MIN_CALLS} (a single failed call of two is not an outage).
     */
    static MathExpression prismaticErrorRate() {
        Map<String, IMetric> using = new LinkedHashMap<>();
        using.put("calls", OperationsMetrics.byPlatform(EmfRecord.Metric.INVOCATIONS, Platform.PRISMATIC,
                "Sum", PRISMATIC_PERIOD));
        List<String> errors = new ArrayList<>();
        for (ErrorType type : PLATFORM_ERRORS) {
            String key = type.json().replace("_", "");
            using.put(key, OperationsMetrics.errors(Platform.PRISMATIC, type, PRISMATIC_PERIOD));
            // A type with no failures has no data point; FILL makes it 0 so the sum still exists.
            errors.add("FILL(" + key + ", 0)");
        }
        String failed = "(" + String.join(" + ", errors) + ")";
        return MathExpression.Builder.create()
                .expression("IF(calls >= " + PRISMATIC_MIN_CALLS + ", 100 * " + failed + " / calls, 0)")
                .usingMetrics(using)
                .label("Prismatic platform errors, % of calls")
                .period(PRISMATIC_PERIOD)
                .build();
    }

    /** Prismatic's error-rate alarm. */
    public Alarm prismaticErrorRateAlarm() {
        return prismaticErrorRate;
    }

    /** Every alarm that wakes someone, in the order the dashboard shows them. */
    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }
}
