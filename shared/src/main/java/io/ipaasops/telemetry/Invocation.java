package io.ipaasops.telemetry;

import io.ipaasops.core.ErrorType;
import io.ipaasops.core.Platform;
import io.ipaasops.core.Tally;
import io.ipaasops.core.Trace;
import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.MDC;

/**
 * The invocation running on this thread, as telemetry sees it: its correlation fields (put in the MDC, so every log
 * line carries them), what became of it and, for a workflow's summary step, what the workflow reported.
 *
 * <p>The trigger adapter {@linkplain #begin begins} one per Lambda invocation and {@linkplain #end ends} it; the
 * triggers say which delivery and execution they run and how it ended. Outside an invocation (the command line, a
 * unit test) {@link #current()} is a detached one that records nothing.</p>
 */
public final class Invocation {

    /** The type an unexpected failure (a fault of ours) is reported as: the {@code internal} of error responses. */
    public static final String INTERNAL = "internal";

    private static final ThreadLocal<Invocation> CURRENT = new ThreadLocal<>();
    private static final Invocation DETACHED = new Invocation(Platform.WORKFLOW, "", Start.now(null, false), false);

    /**
     * Where and when an invocation began: at the handler's entry, so that a cold start's duration includes the
     * application context it started.
     *
     * @param requestId the Lambda request id, where there is one
     * @param coldStart the JVM's first invocation (or a restored snapshot's)
     * @param nanos     {@link System#nanoTime()} at the start
     * @param epochMilli the wall-clock start, for the record's timestamp
     */
    public record Start(@Nullable String requestId, boolean coldStart, long nanos, long epochMilli) {

        /** An invocation starting now. */
        public static Start now(@Nullable String requestId, boolean coldStart) {
            return new Start(requestId, coldStart, System.nanoTime(), System.currentTimeMillis());
        }
    }

    /** Ends a scope opened by {@link #delivery}; closing never throws. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private final Platform platform;
    private final String action;
    private final Start start;
    private final boolean bound;
    private final String traceId;
    private final Set<String> keys = new LinkedHashSet<>();
    private String trigger = "direct";
    private String execution;
    private String errorType;
    private int records;
    private int failedRecords;
    private WorkflowRun workflow;
    private Invocation previous;
    private Map<String, String> previousMdc;

    private Invocation(Platform platform, String action, Start start, boolean bound) {
        this.platform = platform;
        this.action = action;
        this.start = start;
        this.bound = bound;
        this.traceId = bound ? Trace.id(Trace.header()) : null;
    }

    /** The invocation bound to this thread, or a detached one whose records go nowhere. */
    public static Invocation current() {
        Invocation bound = CURRENT.get();
        return bound != null ? bound : DETACHED;
    }

    /**
     * Begins an invocation of {@code action} on this thread: counts start afresh ({@link Tally}) and the MDC holds
     * its request id, action, platform and trace id.
     */
    public static Invocation begin(Platform platform, String action, Start start) {
        Invocation invocation = new Invocation(platform, action, start, true);
        invocation.previous = CURRENT.get();
        invocation.previousMdc = MDC.getCopyOfContextMap();
        CURRENT.set(invocation);
        Tally.reset();
        MDC.clear();
        put(LogField.REQUEST_ID, start.requestId());
        put(LogField.ACTION, action);
        put(LogField.PLATFORM, platform.route());
        put(LogField.TRACE_ID, invocation.traceId);
        return invocation;
    }

    /** Names the trigger that answers it. */
    public void trigger(String name) {
        if (bound) {
            trigger = name;
            put(LogField.TRIGGER, name);
        }
    }

    /** Log lines carry delivery {@code key} until the scope closes (one record of a batch, or the whole run). */
    public Scope delivery(@Nullable String key) {
        if (!bound || key == null || key.isBlank()) {
            return () -> { };
        }
        keys.add(key);
        String before = MDC.get(LogField.DELIVERY_KEY.key());
        MDC.put(LogField.DELIVERY_KEY.key(), key);
        return () -> put(LogField.DELIVERY_KEY, before);
    }

    /** Names the Step Functions execution a workflow step belongs to. */
    public void execution(@Nullable String name) {
        if (bound && name != null && !name.isBlank()) {
            execution = name;
            put(LogField.EXECUTION, name);
        }
    }

    /** One record of an SQS batch is about to run. */
    public void record() {
        if (bound) {
            records++;
        }
    }

    /** It failed with {@code type} (for a batch: one record did); the first failure's type is the one reported. */
    public void failed(ErrorType type) {
        failed(type.json());
    }

    /** It failed unexpectedly, a fault of ours: reported as {@value #INTERNAL}. */
    public void failedUnexpectedly() {
        failed(INTERNAL);
    }

    private void failed(String type) {
        if (bound) {
            failedRecords++;
            if (errorType == null) {
                errorType = type;
            }
        }
    }

    /** A workflow's summary step reports its execution: the record gets the workflow directive. */
    public void workflow(WorkflowRun run) {
        if (bound) {
            workflow = run;
        }
    }

    /** Whether this is bound to a running invocation (false: the detached one). */
    public boolean bound() {
        return bound;
    }

    /** What it came to, with the counts of {@link Tally}; its delivery key and execution are in the MDC again. */
    InvocationSummary summary() {
        long duration = System.nanoTime() - start.nanos();
        String key = keys.size() == 1 ? keys.iterator().next() : null;
        put(LogField.DELIVERY_KEY, key);
        boolean throttled = ErrorType.TRANSIENT.json().equals(errorType) && Tally.get(Tally.Count.RATE_LIMITS) > 0;
        return new InvocationSummary(platform.route(), action, trigger, start.requestId(), key, execution, traceId,
                errorType, start.epochMilli(), duration, Tally.upstreamNanos(), Tally.upstreamCalls(),
                Tally.get(Tally.Count.RETRIES), Tally.get(Tally.Count.TOKEN_EXCHANGES),
                Tally.get(Tally.Count.SECRET_READS), start.coldStart(), throttled, records, failedRecords, workflow);
    }

    /** Unbinds it: the thread's MDC and invocation are what they were before {@link #begin}. */
    void end() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
        if (previousMdc == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previousMdc);
        }
    }

    private static void put(LogField field, @Nullable String value) {
        if (value == null) {
            MDC.remove(field.key());
        } else {
            MDC.put(field.key(), value);
        }
    }
}
