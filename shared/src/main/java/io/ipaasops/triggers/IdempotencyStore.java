package io.ipaasops.triggers;

import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.AwsCallException;
import io.ipaasops.core.AwsEnvironment;
import io.ipaasops.core.AwsJson;
import io.ipaasops.core.IndeterminateException;
import io.ipaasops.core.Outcome;
import io.ipaasops.core.Sleeper;
import io.ipaasops.core.TransientException;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers which deliveries of a changing action already ran, in the DynamoDB table {@code IDEMPOTENCY_TABLE}, so
 * that a repeated webhook or SQS delivery returns the first result instead of deploying or publishing twice.
 *
 * <p>Items: {@code pk} = {@code <action>#<key>} (string partition key), {@code status} IN_PROGRESS, COMPLETED or
 * UNKNOWN (the run's outcome could not be decided), {@code result} (the output JSON, or for UNKNOWN the error
 * message), {@code outcome} (what the output reported, {@link Outcome}; absent means DONE), {@code lockedUntil} and
 * {@code expiresAt} (epoch seconds; the table's TTL attribute). A record is claimed
 * with a conditional put; an expired lock or record counts as absent. DynamoDB is spoken through {@link AwsJson}
 * (its JSON protocol 1.0), not the SDK's service client (docs/decisions/0025).</p>
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
    private final AwsJson dynamoDb;

    /** Creates the store; nothing reaches DynamoDB until the first delivery with a key. */
    public IdempotencyStore(@Property(name = "idempotency.table") String table, Clock clock,
                            @Property(name = "idempotency.lock", defaultValue = "15m") Duration lock,
                            @Property(name = "idempotency.keep", defaultValue = "24h") Duration keep,
                            @Nullable @Property(name = "ipaas.dynamodb.endpoint") String endpoint,
                            JsonMapper mapper, Sleeper sleeper) {
        this.table = table;
        this.clock = clock;
        this.lock = lock;
        this.keep = keep;
        AwsEnvironment environment = new AwsEnvironment();
        this.dynamoDb = new AwsJson("dynamodb", "1.0", () -> environment.endpoint(endpoint, "DYNAMODB", "dynamodb"),
                environment, mapper, sleeper);
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
            try {
                dynamoDb.call("DynamoDB_20120810.PutItem", Map.of("TableName", table,
                        "Item", Map.of("pk", s(key), "status", s(IN_PROGRESS), "lockedUntil", n(now + lock.toSeconds()),
                                "expiresAt", n(now + keep.toSeconds())),
                        "ConditionExpression", "attribute_not_exists(pk) OR expiresAt < :now"
                                + " OR (#status = :running AND lockedUntil < :now)",
                        "ExpressionAttributeNames", Map.of("#status", "status"),
                        "ExpressionAttributeValues", Map.of(":now", n(now), ":running", s(IN_PROGRESS))));
                return Optional.empty();
            } catch (AwsCallException e) {
                if (!"ConditionalCheckFailedException".equals(e.code())) {
                    throw e;
                }
            }
            JsonNode item = dynamoDb.call("DynamoDB_20120810.GetItem", Map.of("TableName", table,
                    "ConsistentRead", true, "Key", Map.of("pk", s(key)))).get("Item");
            String status = string(item, "status");
            String result = string(item, "result");
            if (COMPLETED.equals(status) && result != null) {
                String outcome = string(item, "outcome");
                return Optional.of(new ActionInvoker.Output(result.getBytes(StandardCharsets.UTF_8),
                        outcome == null ? Outcome.DONE : Outcome.valueOf(outcome)));
            }
            if (UNKNOWN.equals(status)) {
                throw new IndeterminateException("an earlier delivery with this key ended with an unknown outcome ("
                        + (result != null ? result : "no detail")
                        + "); it is not repeated: check the platform, then send again with a new key");
            }
            throw new TransientException("a delivery with the same idempotency key is still running; retry later");
        } catch (AwsCallException e) {
            throw new TransientException("cannot reach the idempotency table", List.of(), e);
        }
    }

    /** Stores the output (and the outcome it reported) of the run that claimed {@code key}. */
    public void complete(String key, ActionInvoker.Output output) {
        long now = clock.instant().getEpochSecond();
        try {
            put(key, COMPLETED, new String(output.json(), StandardCharsets.UTF_8), output.outcome(), now);
        } catch (AwsCallException e) {
            throw new TransientException("the action ran but its result could not be recorded", List.of(), e);
        }
    }

    /** Records that the run holding {@code key} ended with an unknown outcome, so that no redelivery repeats it. */
    public void unknown(String key, String message) {
        try {
            put(key, UNKNOWN, message, null, clock.instant().getEpochSecond());
        } catch (AwsCallException e) {
            // The IN_PROGRESS lock stays until it expires; until then a redelivery is refused, not run.
        }
    }

    /** Forgets a claim whose run failed, so that a later delivery may run again. */
    public void release(String key) {
        try {
            dynamoDb.call("DynamoDB_20120810.DeleteItem", Map.of("TableName", table, "Key", Map.of("pk", s(key))));
        } catch (AwsCallException e) {
            // The lock expires by itself; a retry before then is refused as in progress, not run twice.
        }
    }

    /** Loads the signing and JSON paths of a claim without making one (SnapStart priming). */
    public void prime() {
        dynamoDb.prime(Map.of("TableName", table, "Item", Map.of("pk", s("primer"), "expiresAt", n(0))),
                "{\"Item\":{\"pk\":{\"S\":\"primer\"},\"status\":{\"S\":\"COMPLETED\"}}}");
    }

    private void put(String key, String status, String result, Outcome outcome, long now) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("pk", s(key));
        item.put("status", s(status));
        item.put("result", s(result));
        if (outcome != null) {
            item.put("outcome", s(outcome.name()));
        }
        item.put("expiresAt", n(now + keep.toSeconds()));
        dynamoDb.call("DynamoDB_20120810.PutItem", Map.of("TableName", table, "Item", item));
    }

    private static String string(JsonNode item, String attribute) {
        JsonNode value = item == null ? null : item.get(attribute);
        JsonNode s = value == null ? null : value.get("S");
        return s != null && s.isString() ? s.getStringValue() : null;
    }

    private static Map<String, String> s(String value) {
        return Map.of("S", value);
    }

    private static Map<String, String> n(long value) {
        return Map.of("N", Long.toString(value));
    }
}
