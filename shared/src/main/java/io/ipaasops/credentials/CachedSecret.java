package io.ipaasops.credentials;

import io.ipaasops.core.Redactor;
import io.ipaasops.core.UnauthorizedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One secret, parsed and cached per container: fetched on first use, refetched after the TTL, and on a failed
 * refetch the last good value is kept and the fetch retried a little later.
 *
 * @param <T> the parsed secret
 */
public final class CachedSecret<T> {

    private static final Logger LOG = LoggerFactory.getLogger(CachedSecret.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

    private final String secretId;
    private final Function<String, T> parse;
    private final SecretsManager secrets;
    private final Clock clock;
    private final Duration ttl;

    private T value;
    private Instant refreshAt = Instant.MIN;
    private String lastRaw;

    /**
     * A cached secret.
     *
     * @param parse turns the secret string into {@code T}; it must not put the string in an exception message
     */
    public CachedSecret(String secretId, Function<String, T> parse, SecretsManager secrets, Clock clock,
                        Duration ttl) {
        this.secretId = secretId;
        this.parse = parse;
        this.secrets = secrets;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The value, fetching it when there is none yet or the TTL has passed. */
    public synchronized T get() {
        if (value == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return value;
    }

    /** Fetches now, because the platform refused the value (it may have rotated); keeps the old one on failure. */
    public synchronized void refresh() {
        fetch();
    }

    private void fetch() {
        try {
            String raw = secrets.read(secretId);
            Redactor.register(raw);
            if (!raw.equals(lastRaw) || value == null) {
                value = parse.apply(raw);
                lastRaw = raw;
            }
            refreshAt = clock.instant().plus(ttl);
        } catch (RuntimeException e) {
            if (value == null) {
                throw e;
            }
            // The id names the secret; the message is scrubbed in case an SDK error ever echoes a value.
            LOG.warn("could not refresh secret '{}' ({}); serving the cached value, retrying in {} s", secretId,
                    Redactor.scrub(e.getMessage()), RETRY_AFTER_FAILURE.toSeconds());
            refreshAt = clock.instant().plus(RETRY_AFTER_FAILURE);
        }
    }

    /** Parses JSON secrets, failing with a message that names the secret and the expected shape, never the value. */
    static UnauthorizedException malformed(String secretId, String expected) {
        return new UnauthorizedException("secret '" + secretId + "' is not the expected JSON " + expected);
    }
}
