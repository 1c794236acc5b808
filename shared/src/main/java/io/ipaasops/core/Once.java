package io.ipaasops.core;

import java.util.function.Supplier;

/** A value computed on first use and kept: nothing is built at start-up that the first call does not need. */
public final class Once<T> implements Supplier<T> {

    private final Supplier<T> supplier;
    private volatile T value;

    private Once(Supplier<T> supplier) {
        this.supplier = supplier;
    }

    /** {@code supplier}'s value, computed on the first {@link #get()} (once, whichever thread asks) and kept. */
    public static <T> Once<T> of(Supplier<T> supplier) {
        return new Once<>(supplier);
    }

    @Override
    public T get() {
        T current = value;
        if (current == null) {
            synchronized (this) {
                current = value;
                if (current == null) {
                    current = supplier.get();
                    value = current;
                }
            }
        }
        return current;
    }

    /** The value if it has been computed, else null: nothing is computed by asking. */
    public T ifComputed() {
        return value;
    }
}
