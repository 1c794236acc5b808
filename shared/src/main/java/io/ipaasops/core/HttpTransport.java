package io.ipaasops.core;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import jakarta.inject.Singleton;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one HTTP request to a platform and retries it through transient failures, within the current deadline.
 *
 * <p>What is retried depends on whether a repeat is safe. A connect failure and a 429 mean the request surely
 * did not take effect, so every request is retried. A 502/503/504 or a timeout may come after the server acted,
 * so only {@link Repeat#SAFE} requests (queries, PUTs) are retried; a {@link Repeat#ONCE} request (a mutation, a
 * POST) then fails as {@link IndeterminateException}: its outcome is unknown, and the caller may read back to
 * decide it. Any other status is returned for the caller to interpret.</p>
 */
@Singleton
public final class HttpTransport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    /** Whether repeating a request could apply its effect twice. */
    public enum Repeat {
        /** Repeating is harmless: a query, or an idempotent replacement. */
        SAFE,
        /** Repeat only where the request surely never reached the server. */
        ONCE
    }

    /** A platform's answer: status, raw body (empty, never null) and headers. */
    public record Response(int status, byte[] body, HttpHeaders headers) {

        /** Whether the status is 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The first value of header {@code name} (any case), or null. */
        public String header(String name) {
            return headers.get(name);
        }
    }

    /**
     * How a platform says "slow down": the wait an answer asks for, or null when it is not a rate limit. A rate
     * limit surely did not apply, so it is retried for every request, after that wait, within the deadline and
     * {@link RetryPolicy#getMaxRetryAfter()}.
     */
    @FunctionalInterface
    public interface RateLimit {

        /** HTTP 429, waiting as {@code Retry-After} says (one second without it). */
        RateLimit STANDARD = (status, headers) -> status == 429 ? retryAfter(headers.get("Retry-After")) : null;

        /** The wait {@code status} with {@code headers} asks for, or null when it is no rate limit. */
        Duration wait(int status, HttpHeaders headers);
    }

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    // Micronaut's JDK client builds a new java.net.http.HttpClient (its own selector thread and connection pool) on
    // every toBlocking(): made once, so that calls reuse kept-alive connections instead of a new TCP and TLS
    // handshake each.
    private final Once<BlockingHttpClient> blocking;

    /** Creates the transport over a Micronaut HTTP client. */
    public HttpTransport(HttpClient client, RetryPolicy policy, Sleeper sleeper) {
        this.blocking = Once.of(client::toBlocking);
        this.policy = policy;
        this.sleeper = sleeper;
    }

    /**
     * Sends {@code request} (an absolute URL) to {@code platform}, retrying where {@code repeat} allows.
     *
     * @throws TransientException     when retries are exhausted or the deadline leaves no room for another
     * @throws IndeterminateException when a {@link Repeat#ONCE} request failed after it may have applied
     */
    public Response send(Platform platform, MutableHttpRequest<?> request, Repeat repeat) {
        return send(platform, request, repeat, RateLimit.STANDARD);
    }

    /** Like {@link #send(Platform, MutableHttpRequest, Repeat)}, with the platform's own reading of rate limits. */
    public Response send(Platform platform, MutableHttpRequest<?> request, Repeat repeat, RateLimit rateLimit) {
        Deadline deadline = Deadline.current();
        String trace = platform.carriesTrace() ? Trace.header() : null;
        if (trace != null) {
            request.getHeaders().set(Trace.HEADER, trace);
        }
        for (int attempt = 1; ; attempt++) {
            Failure failure;
            long started = System.nanoTime();
            try {
                HttpResponse<byte[]> response;
                try {
                    response = blocking.get().exchange(request, byte[].class);
                } finally {
                    Tally.upstream(System.nanoTime() - started);
                }
                int status = response.code();
                LOG.debug("{} {} {} -> {} in {} ms", platform, request.getMethodName(), request.getPath(), status,
                        (System.nanoTime() - started) / 1_000_000);
                failure = classify(status, response, repeat, rateLimit);
                if (failure == null) {
                    return new Response(status, response.getBody().orElse(new byte[0]), response.getHeaders());
                }
            } catch (HttpClientResponseException e) {
                // The blocking client throws for 4xx/5xx: the status and body are data for classify all the same.
                HttpResponse<?> response = e.getResponse();
                failure = classify(response.code(), response, repeat, rateLimit);
                if (failure == null) {
                    return new Response(response.code(), response.getBody(byte[].class).orElse(new byte[0]),
                            response.getHeaders());
                }
            } catch (HttpClientException e) {
                failure = classify(e, repeat);
                LOG.debug("{} {} {} failed: {}", platform, request.getMethodName(), request.getPath(), failure.reason, e);
            }
            if (failure.maybeApplied) {
                throw new IndeterminateException(platform + ": " + failure.reason
                        + "; the change may or may not have been applied", List.of(), null);
            }
            if (!failure.retryable) {
                throw new TransientException(platform + ": " + failure.reason, List.of(), null);
            }
            Duration wait = failure.retryAfter != null ? failure.retryAfter : policy.backoff(attempt);
            if (attempt >= policy.getMaxAttempts() || !deadline.allows(wait)) {
                throw new TransientException(platform + ": " + failure.reason + " (gave up after " + attempt
                        + (attempt == 1 ? " attempt)" : " attempts)"), List.of(), null);
            }
            LOG.info("{}: {}; retrying in {} ms (attempt {} of {})", platform, failure.reason, wait.toMillis(),
                    attempt + 1, policy.getMaxAttempts());
            Tally.increment(Tally.Count.RETRIES);
            sleeper.sleep(wait);
        }
    }

    /** Why an attempt failed; {@code maybeApplied} when it reached the server and cannot be repeated. */
    private record Failure(String reason, boolean retryable, Duration retryAfter, boolean maybeApplied) {

        Failure(String reason, boolean retryable, Duration retryAfter) {
            this(reason, retryable, retryAfter, false);
        }

        /** A failure after sending: retried where a repeat is safe, else an unknown outcome. */
        static Failure afterSending(String reason, Repeat repeat) {
            return new Failure(reason, repeat == Repeat.SAFE, null, repeat == Repeat.ONCE);
        }
    }

    private Failure classify(int status, HttpResponse<?> response, Repeat repeat, RateLimit rateLimit) {
        Duration wait = rateLimit.wait(status, response.getHeaders());
        if (wait != null) {
            Tally.increment(Tally.Count.RATE_LIMITS);
            // The reason says when to come back: it ends up in the transient error the caller sees.
            String reason = "rate limited (HTTP " + status + ", retry after " + wait.toSeconds() + " s)";
            if (wait.compareTo(policy.getMaxRetryAfter()) > 0) {
                return new Failure(reason, false, null);
            }
            return new Failure(reason, true, wait);
        }
        if (status == 502 || status == 503 || status == 504) {
            return Failure.afterSending("unavailable (HTTP " + status + ")", repeat);
        }
        return null;
    }

    private static Failure classify(HttpClientException e, Repeat repeat) {
        if (hasCause(e, ConnectException.class) || hasCause(e, UnresolvedAddressException.class)) {
            return new Failure("could not connect", true, null);
        }
        if (e instanceof ReadTimeoutException || hasCause(e, HttpTimeoutException.class)) {
            return Failure.afterSending("timed out", repeat);
        }
        return Failure.afterSending("connection failed (" + e.getClass().getSimpleName() + ")", repeat);
    }

    /** Parses {@code Retry-After}: seconds or an HTTP date; absent or garbage counts as one second. */
    public static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Duration.ofSeconds(1);
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.ofNullable(parseHttpDate(header)).orElse(Duration.ofSeconds(1));
        }
    }

    private static Duration parseHttpDate(String header) {
        try {
            var at = java.time.ZonedDateTime.parse(header.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(java.time.Instant.now(), at.toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

}
