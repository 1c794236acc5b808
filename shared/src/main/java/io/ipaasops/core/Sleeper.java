package io.ipaasops.core;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;

/** Waits between retries and polls; a seam so that waiting is one well-behaved place. */
@Singleton
public class Sleeper {

    /** Sleeps for {@code duration}; an interrupt ends the invocation as a transient failure. */
    public void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientException("interrupted while waiting", List.of(), e);
        }
    }
}
