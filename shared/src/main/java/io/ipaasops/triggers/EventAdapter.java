package io.ipaasops.triggers;

import io.ipaasops.core.ActionFunction;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.IndeterminateException;
import io.ipaasops.core.InputBinder;
import io.ipaasops.core.UpstreamTime;
import io.micronaut.context.BeanProvider;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers any event a handler can receive, written once for every action: detects the trigger's shape, extracts
 * the input, applies idempotency to changing actions, and answers in the shape the trigger expects.
 *
 * <ul>
 *   <li>SQS ({@code Records[].eventSource = aws:sqs}): each body is one input; a partial batch response.</li>
 *   <li>API Gateway HTTP API v2 and REST v1 proxy: the signed JSON body plus path parameters; a status code.</li>
 *   <li>EventBridge ({@code detail-type} and {@code source}): the {@code detail}; failures are thrown.</li>
 *   <li>Anything else is a direct invocation: the event is the input; failures are thrown.</li>
 * </ul>
 */
@Singleton
public final class EventAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(EventAdapter.class);

    private final ActionInvoker invoker;
    private final InputBinder binder;
    private final BeanProvider<IdempotencyStore> idempotency;
    private final ApiGatewayTrigger apiGateway;
    private final SqsTrigger sqs;

    /** Creates the adapter; the idempotency table is touched only when a changing action has a delivery key. */
    public EventAdapter(ActionInvoker invoker, InputBinder binder, BeanProvider<IdempotencyStore> idempotency,
                        ApiGatewayTrigger apiGateway, SqsTrigger sqs) {
        this.invoker = invoker;
        this.binder = binder;
        this.idempotency = idempotency;
        this.apiGateway = apiGateway;
        this.sqs = sqs;
    }

    /** The shapes an event can have. */
    public enum Trigger {
        /** A direct invocation; the event is the input. */
        DIRECT,
        /** An EventBridge event (scheduled or custom). */
        EVENTBRIDGE,
        /** An API Gateway HTTP API (payload v2) request. */
        API_GATEWAY_V2,
        /** An API Gateway REST API (v1 proxy) request. */
        API_GATEWAY_V1,
        /** An SQS batch. */
        SQS
    }

    /** Which trigger sent {@code event}. */
    public static Trigger detect(JsonNode event) {
        if (event == null || !event.isObject()) {
            return Trigger.DIRECT;
        }
        JsonNode records = event.get("Records");
        if (records != null && records.isArray() && records.size() > 0) {
            JsonNode source = records.get(0).get("eventSource");
            if (source != null && source.isString() && "aws:sqs".equals(source.getStringValue())) {
                return Trigger.SQS;
            }
        }
        JsonNode context = event.get("requestContext");
        if (context != null && context.isObject()) {
            JsonNode version = event.get("version");
            if (version != null && version.isString() && "2.0".equals(version.getStringValue())
                    && context.get("http") != null) {
                return Trigger.API_GATEWAY_V2;
            }
            if (event.get("httpMethod") != null) {
                return Trigger.API_GATEWAY_V1;
            }
        }
        if (event.get("detail-type") != null && event.get("source") != null) {
            return Trigger.EVENTBRIDGE;
        }
        return Trigger.DIRECT;
    }

    /**
     * Handles one event for {@code action} and returns what the handler must write back.
     *
     * @throws io.ipaasops.core.ActionException for direct and EventBridge invocations that fail, so that Lambda
     *                                          reports the failure (and retries or dead-letters it)
     */
    public byte[] handle(ActionFunction<?, ?> action, byte[] event, Deadline deadline) {
        JsonNode tree = binder.parse(event);
        Trigger trigger = detect(tree);
        long started = System.nanoTime();
        UpstreamTime.reset();
        try {
            return switch (trigger) {
                case DIRECT -> run(action, tree, deadline, null);
                case EVENTBRIDGE -> {
                    JsonNode detail = tree.get("detail");
                    JsonNode id = tree.get("id");
                    yield run(action, detail, deadline, id != null && id.isString() ? id.getStringValue() : null);
                }
                case API_GATEWAY_V2, API_GATEWAY_V1 -> apiGateway.handle(this, action, event, trigger, deadline);
                case SQS -> sqs.handle(this, action, event, deadline);
            };
        } finally {
            LOG.info("{} via {} in {} ms ({} ms upstream in {} calls)", action.name(), trigger,
                    (System.nanoTime() - started) / 1_000_000, UpstreamTime.nanos() / 1_000_000, UpstreamTime.calls());
        }
    }

    /**
     * Runs {@code action} on {@code input}; a changing action with a delivery {@code key} runs at most once per key
     * while the idempotency table is configured, a repeat returning the first output.
     */
    byte[] run(ActionFunction<?, ?> action, JsonNode input, Deadline deadline, String key) {
        Optional<IdempotencyStore> store = key != null && action.effect() == ActionFunction.Effect.WRITE
                ? idempotency.find(null) : Optional.empty();
        if (store.isEmpty()) {
            return invoker.invoke(action, input, deadline);
        }
        String scoped = action.name() + "#" + key;
        Optional<byte[]> previous = store.get().begin(scoped);
        if (previous.isPresent()) {
            LOG.info("{}: delivery {} already ran; returning its result", action.name(), key);
            return previous.get();
        }
        byte[] output;
        try {
            output = invoker.invoke(action, input, deadline);
        } catch (IndeterminateException e) {
            // Keep the key: a redelivery must not repeat a change that may have applied.
            store.get().unknown(scoped, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            store.get().release(scoped);
            throw e;
        }
        store.get().complete(scoped, output);
        return output;
    }

    /** The headers as one case-insensitive map. */
    static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> map = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            map.putAll(headers);
        }
        return map;
    }
}
