package io.ipaasops.core;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a change whose outcome is unknown by reading back: the change's result when the platform shows it applied,
 * else the {@link IndeterminateException}, never a blind repeat.
 */
@Singleton
public final class Reconciler {

    /** How far the platform's clock may be behind ours; a change seen up to this long before our attempt counts. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final Clock clock;

    /** Creates the reconciler on the application's clock. */
    public Reconciler(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs {@code change}; if its outcome is unknown, asks {@code readBack} (given the attempt's start, less the
     * clock skew) for the result that shows it applied.
     *
     * @throws IndeterminateException when reading back cannot show that the change applied
     */
    public <T> T apply(String what, Supplier<T> change, Function<Instant, Optional<T>> readBack) {
        Instant since = clock.instant().minus(CLOCK_SKEW);
        try {
            return change.get();
        } catch (IndeterminateException unknown) {
            Optional<T> applied;
            try {
                applied = readBack.apply(since);
            } catch (ActionException e) {
                throw new IndeterminateException(unknown.getMessage() + "; reading back failed too (" + e.type()
                        + "): check " + what + " before repeating it", unknown.fields(), unknown);
            }
            if (applied.isPresent()) {
                LOG.info("{}: the outcome was unknown; reading back shows it applied", what);
                return applied.get();
            }
            throw new IndeterminateException(unknown.getMessage() + "; reading back does not show it applied (yet):"
                    + " check " + what + " before repeating it", unknown.fields(), unknown);
        }
    }

    /** Whether the platform's timestamp {@code at} is at or after {@code since}; an absent or odd one is not. */
    public static boolean atOrAfter(String at, Instant since) {
        if (at == null) {
            return false;
        }
        try {
            return !OffsetDateTime.parse(at).toInstant().isBefore(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
