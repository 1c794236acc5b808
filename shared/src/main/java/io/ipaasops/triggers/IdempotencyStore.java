package io.ipaasops.triggers;

import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.AwsClients;
import io.ipaasops.core.IndeterminateException;
import io.ipaasops.core.Outcome;
import io.ipaasops.core.TransientException;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Remembers which deliveries of a changing action already ran, in the DynamoDB table {@code IDEMPOTENCY_TABLE}, so
 * that a repeated webhook or SQS delivery returns the first result instead of deploying or publishing twice.
 *
 * <p>Items: {@code pk} = {@code <action>#<key>} (string partition key), {@code status} IN_PROGRESS, COMPLETED or
 * UNKNOWN (the run's outcome could not be decided), {@code result} (the output JSON, or for UNKNOWN the error
 * message), {@code outcome} (what the output reported, {@link Outcome}; absent means DONE), {@code lockedUntil}
 * and {@code expiresAt} (epoch seconds; the table's TTL attribute). A record is claimed with a conditional put; an
 * expired lock or record counts as absent.</p>
 */
@Singleton
@Requires(property = "idempotency.table")
public final class IdempotencyStore {

    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    private static final String UNKNOWN = "UNKNOWN";

    private final String table;
    private final Clock clock;
    private final Duration lock;
    private final Duration keep;
    private final Supplier<DynamoDbClient> client;

    /** Creates the store; the DynamoDB client is created on first use. */
    public IdempotencyStore(@Property(name = "idempotency.table") String table, Clock clock,
                            @Property(name = "idempotency.lock", defaultValue = "15m") Duration lock,
                            @Property(name = "idempotency.keep", defaultValue = "24h") Duration keep,
                            @Nullable @Property(name = "ipaas.dynamodb.endpoint") String endpoint) {
        this.table = table;
        this.clock = clock;
        this.lock = lock;
        this.keep = keep;
        this.client = AwsClients.lazy(DynamoDbClient::builder, endpoint);
    }

    /**
     * Claims {@code key} for a run, or returns the result of the run that already completed.
     *
     * @return the stored output when this key already completed; empty when the caller must run (and then call
     *         {@link #complete} or {@link #release})
     * @throws TransientException     when another delivery with the key is running now (retry later)
     * @throws IndeterminateException when an earlier delivery with the key ended with an unknown outcome
     */
    public Optional<ActionInvoker.Output> begin(String key) {
        long now = clock.instant().getEpochSecond();
        try {
            client.get().putItem(r -> r.tableName(table)
                    .item(Map.of("pk", s(key), "status", s(IN_PROGRESS),
                            "lockedUntil", n(now + lock.toSeconds()), "expiresAt", n(now + keep.toSeconds())))
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now"
                            + " OR (#status = :running AND lockedUntil < :now)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":now", n(now), ":running", s(IN_PROGRESS))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = client.get().getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of("pk", s(key)))).item();
            String status = item == null || !item.containsKey("status") ? null : item.get("status").s();
            if (COMPLETED.equals(status) && item.containsKey("result")) {
                Outcome outcome = item.containsKey("outcome") ? Outcome.valueOf(item.get("outcome").s()) : Outcome.DONE;
                return Optional.of(new ActionInvoker.Output(item.get("result").s().getBytes(StandardCharsets.UTF_8),
                        outcome));
            }
            if (UNKNOWN.equals(status)) {
                throw new IndeterminateException("an earlier delivery with this key ended with an unknown outcome ("
                        + (item.containsKey("result") ? item.get("result").s() : "no detail")
                        + "); it is not repeated: check the platform, then send again with a new key");
            }
            throw new TransientException("a delivery with the same idempotency key is still running; retry later");
        } catch (SdkException e) {
            throw new TransientException("cannot reach the idempotency table", List.of(), e);
        }
    }

    /** Stores the output of the run that claimed {@code key}. */
    public void complete(String key, ActionInvoker.Output output) {
        long now = clock.instant().getEpochSecond();
        try {
            client.get().putItem(r -> r.tableName(table).item(Map.of("pk", s(key), "status", s(COMPLETED),
                    "result", s(new String(output.json(), StandardCharsets.UTF_8)),
                    "outcome", s(output.outcome().name()), "expiresAt", n(now + keep.toSeconds()))));
        } catch (SdkException e) {
            throw new TransientException("the action ran but its result could not be recorded", List.of(), e);
        }
    }

    /** Records that the run holding {@code key} ended with an unknown outcome, so that no redelivery repeats it. */
    public void unknown(String key, String message) {
        long now = clock.instant().getEpochSecond();
        try {
            client.get().putItem(r -> r.tableName(table).item(Map.of("pk", s(key), "status", s(UNKNOWN),
                    "result", s(message), "expiresAt", n(now + keep.toSeconds()))));
        } catch (SdkException e) {
            // The IN_PROGRESS lock stays until it expires; until then a redelivery is refused, not run.
        }
    }

    /** Forgets a claim whose run failed, so that a later delivery may run again. */
    public void release(String key) {
        try {
            client.get().deleteItem(r -> r.tableName(table).key(Map.of("pk", s(key))));
        } catch (SdkException e) {
            // The lock expires by itself; a retry before then is refused as in progress, not run twice.
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
