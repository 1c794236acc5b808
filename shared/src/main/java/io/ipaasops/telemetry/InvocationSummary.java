package io.ipaasops.telemetry;

import io.micronaut.core.annotation.Nullable;

/**
 * One finished invocation, as its summary log line and metrics record report it.
 *
 * @param platform       the platform's wire name ({@code prismatic})
 * @param action         the action's name
 * @param trigger        the trigger's name ({@code sqs}, {@code http-api}, ...)
 * @param requestId      the Lambda request id, where there is one
 * @param deliveryKey    the delivery key, when the invocation had exactly one
 * @param execution      the Step Functions execution of a workflow step
 * @param traceId        the X-Ray trace id
 * @param errorType      the first failure's type ({@code ErrorType} wire name, or {@code internal}); null when ok
 * @param startedAt      when it started, epoch milliseconds
 * @param durationNanos  how long it took
 * @param upstreamNanos  time spent waiting on platforms
 * @param upstreamCalls  exchanges with platforms
 * @param retries        attempts repeated after transient failures
 * @param tokenExchanges Prismatic token exchanges
 * @param secretReads    Secrets Manager reads
 * @param coldStart      the first invocation of this JVM (or of a restored snapshot)
 * @param throttled      it failed as {@code transient} after a platform or service said "slow down"
 * @param records        the records of an SQS batch; 0 for any other trigger
 * @param failedRecords  the records of that batch that failed
 * @param workflow       what a workflow's summary step reported, else null
 */
public record InvocationSummary(String platform, String action, String trigger, @Nullable String requestId,
                                @Nullable String deliveryKey, @Nullable String execution, @Nullable String traceId,
                                @Nullable String errorType, long startedAt, long durationNanos, long upstreamNanos,
                                long upstreamCalls, long retries, long tokenExchanges, long secretReads,
                                boolean coldStart, boolean throttled, int records, int failedRecords,
                                @Nullable WorkflowRun workflow) {

    /** The outcome as logs and metrics name it: {@code ok}, or the error type. */
    public String outcome() {
        return errorType == null ? "ok" : errorType;
    }

    /** Whether it failed (for a batch: any record did). */
    public boolean failed() {
        return errorType != null;
    }
}
