package io.ipaasops.lambda;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether an invocation is the first this JVM answers: a cold start. Under SnapStart the priming runs no invocation,
 * so it does not use the cold start up, and each restored snapshot's first invocation counts as cold again
 * ({@link SnapStartPriming#afterRestore}).
 */
final class ColdStart {

    private static final AtomicBoolean COLD = new AtomicBoolean(true);

    private ColdStart() {
    }

    /** True for the first invocation, false for every later one. */
    static boolean take() {
        return COLD.getAndSet(false);
    }

    /** The next invocation is a cold start again: a snapshot was restored. */
    static void restored() {
        COLD.set(true);
    }
}
