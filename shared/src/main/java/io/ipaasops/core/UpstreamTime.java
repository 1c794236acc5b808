package io.ipaasops.core;

/**
 * Time spent waiting on the platforms during the current invocation, per thread: what the log line of each
 * invocation reports, and what the benchmarks subtract to find our own overhead.
 */
public final class UpstreamTime {

    private static final ThreadLocal<long[]> SPENT = ThreadLocal.withInitial(() -> new long[2]);

    private UpstreamTime() {
    }

    /** Starts counting afresh for an invocation on this thread. */
    public static void reset() {
        long[] spent = SPENT.get();
        spent[0] = 0;
        spent[1] = 0;
    }

    /** Adds one upstream exchange that took {@code nanos}. */
    static void add(long nanos) {
        long[] spent = SPENT.get();
        spent[0] += nanos;
        spent[1]++;
    }

    /** Nanoseconds spent upstream since {@link #reset()}. */
    public static long nanos() {
        return SPENT.get()[0];
    }

    /** Upstream exchanges since {@link #reset()}. */
    public static long calls() {
        return SPENT.get()[1];
    }
}
