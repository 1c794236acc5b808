package io.ipaasops.core;

/**
 * What the current invocation has cost so far, counted per thread: the figures of the invocation's summary log line
 * and metrics record, and what the benchmarks subtract to find our own overhead.
 *
 * <p>Per thread because an invocation runs on one thread from its trigger down to the transport; the trigger
 * adapter {@linkplain #reset() resets} it when an invocation starts, and the counts stay readable after it ends.</p>
 */
public final class Tally {

    /** What is counted. */
    public enum Count {
        /** Exchanges with a platform (each attempt of each request). */
        UPSTREAM_CALLS,
        /** Nanoseconds spent waiting on platforms. */
        UPSTREAM_NANOS,
        /** Attempts repeated after a transient failure, to a platform or an AWS service. */
        RETRIES,
        /** Prismatic refresh-token exchanges ({@code POST /auth/refresh}). */
        TOKEN_EXCHANGES,
        /** Secrets Manager reads ({@code GetSecretValue}). */
        SECRET_READS,
        /** Answers that said "slow down": an HTTP 429, a platform's own rate limit, an AWS throttling error. */
        RATE_LIMITS
    }

    private static final ThreadLocal<long[]> COUNTS = ThreadLocal.withInitial(() -> new long[Count.values().length]);

    private Tally() {
    }

    /** Starts counting afresh for an invocation on this thread. */
    public static void reset() {
        java.util.Arrays.fill(COUNTS.get(), 0);
    }

    /** Adds {@code amount} to {@code count}. */
    public static void add(Count count, long amount) {
        COUNTS.get()[count.ordinal()] += amount;
    }

    /** Adds one to {@code count}. */
    public static void increment(Count count) {
        add(count, 1);
    }

    /** The value of {@code count} since {@link #reset()}. */
    public static long get(Count count) {
        return COUNTS.get()[count.ordinal()];
    }

    /** Adds one upstream exchange that took {@code nanos}. */
    static void upstream(long nanos) {
        long[] counts = COUNTS.get();
        counts[Count.UPSTREAM_NANOS.ordinal()] += nanos;
        counts[Count.UPSTREAM_CALLS.ordinal()]++;
    }

    /** Nanoseconds spent upstream since {@link #reset()}. */
    public static long upstreamNanos() {
        return get(Count.UPSTREAM_NANOS);
    }

    /** Upstream exchanges since {@link #reset()}. */
    public static long upstreamCalls() {
        return get(Count.UPSTREAM_CALLS);
    }
}
