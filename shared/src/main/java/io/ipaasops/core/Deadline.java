package io.ipaasops.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The time an invocation must finish by; retries and polling stop before it.
 *
 * <p>On Lambda it is the function's remaining time less a safety margin; elsewhere it is generous but finite.
 * The current deadline is bound to the invoking thread for the duration of one invocation, so that the transport
 * deep down can respect it without every method passing it along.</p>
 */
public final class Deadline {

    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();
    private static final Duration DEFAULT_BUDGET = Duration.ofMinutes(5);

    private final Instant at;
    private final Clock clock;

    private Deadline(Instant at, Clock clock) {
        this.at = at;
        this.clock = clock;
    }

    /** A deadline {@code budget} from now on the given clock. */
    public static Deadline in(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    /** A deadline {@code budget} from now on the system clock. */
    public static Deadline in(Duration budget) {
        return in(budget, Clock.systemUTC());
    }

    /** The deadline bound to this thread, or a default five minutes from now when none is bound. */
    public static Deadline current() {
        Deadline bound = CURRENT.get();
        return bound != null ? bound : in(DEFAULT_BUDGET);
    }

    /** Runs {@code work} with this deadline bound to the current thread. */
    public <T> T bind(Supplier<T> work) {
        return ThreadBinding.bind(CURRENT, this, work);
    }

    /** The time left, never negative. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whether waiting {@code wait} would still leave time before the deadline. */
    public boolean allows(Duration wait) {
        return remaining().compareTo(wait) > 0;
    }
}
