package io.ipaasops.core;

import java.util.function.Supplier;

/** Binds a value to the invoking thread for the duration of one piece of work, restoring what was bound before. */
final class ThreadBinding {

    private ThreadBinding() {
    }

    /** Runs {@code work} with {@code value} in {@code slot}, then puts back the previous value (or none). */
    static <V, T> T bind(ThreadLocal<V> slot, V value, Supplier<T> work) {
        V previous = slot.get();
        slot.set(value);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                slot.remove();
            } else {
                slot.set(previous);
            }
        }
    }
}
