package io.ipaasops.core;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How transient failures are retried: exponential backoff with jitter, bounded in attempts and by the deadline.
 *
 * <p>Configured under {@code ipaas.retry}; the defaults follow Prismatic's own advice (backoff between about a
 * second and ten, a handful of attempts) scaled down for a Lambda's short life.</p>
 */
@ConfigurationProperties("ipaas.retry")
public class RetryPolicy {

    private int maxAttempts = 4;
    private Duration baseDelay = Duration.ofMillis(200);
    private Duration maxDelay = Duration.ofSeconds(5);
    private Duration maxRetryAfter = Duration.ofSeconds(30);

    /** The most attempts of one call, the first included. */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** Sets the most attempts of one call, the first included. */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    /** The first backoff ceiling; each later attempt doubles it. */
    public Duration getBaseDelay() {
        return baseDelay;
    }

    /** Sets the first backoff ceiling. */
    public void setBaseDelay(Duration baseDelay) {
        this.baseDelay = baseDelay;
    }

    /** The largest backoff ceiling. */
    public Duration getMaxDelay() {
        return maxDelay;
    }

    /** Sets the largest backoff ceiling. */
    public void setMaxDelay(Duration maxDelay) {
        this.maxDelay = maxDelay;
    }

    /** The longest {@code Retry-After} honoured; a longer one fails at once as transient. */
    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    /** Sets the longest {@code Retry-After} honoured. */
    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    /** The wait before retry number {@code retry} (1 for the first retry): a random time up to the ceiling. */
    public Duration backoff(int retry) {
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(retry - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
