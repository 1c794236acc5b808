package io.ipaasops.core;

import io.micronaut.core.annotation.Nullable;
import java.util.function.Supplier;

/**
 * How the trigger that carried an invocation named it: the sender's event name and the delivery's key. Bound to the
 * invoking thread for one invocation, like {@link Deadline}, so that the one action that needs it (GitHub's push
 * webhook) can read it without every input record growing header fields.
 *
 * @param event the sender's event name where the trigger carries one (GitHub's {@code X-GitHub-Event}), else null
 * @param id    the delivery key: {@code X-GitHub-Delivery} or {@code Idempotency-Key} for a webhook, the SQS
 *              {@code messageId}, the EventBridge event {@code id}; null for a direct invocation. A redelivery of
 *              the same delivery carries the same key.
 */
public record Delivery(@Nullable String event, @Nullable String id) {

    /** A direct invocation: no event name, no key. */
    public static final Delivery NONE = new Delivery(null, null);

    private static final ThreadLocal<Delivery> CURRENT = new ThreadLocal<>();

    /** The delivery bound to this thread, or {@link #NONE}. */
    public static Delivery current() {
        Delivery bound = CURRENT.get();
        return bound != null ? bound : NONE;
    }

    /** Runs {@code work} with this delivery bound to the current thread. */
    public <T> T bind(Supplier<T> work) {
        return ThreadBinding.bind(CURRENT, this, work);
    }
}
