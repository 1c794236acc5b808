package io.ipaasops.triggers;

import io.ipaasops.core.Action;
import io.ipaasops.core.ActionException;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.Delivery;
import io.ipaasops.core.ErrorResponse;
import io.ipaasops.core.ErrorType;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.InputBinder;
import io.ipaasops.core.Outcome;
import io.ipaasops.core.ValidationException;
import io.ipaasops.credentials.CredentialsProvider;
import io.ipaasops.credentials.WebhookSecrets;
import io.ipaasops.telemetry.Invocation;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks through API Gateway: verify the signature over the raw body, run the action on the JSON body plus path
 * parameters, and answer with a status code and JSON. The two payload versions differ only in how a request reads.
 *
 * <p>Statuses come from {@link Outcome} and {@link ErrorType}: 200 result, 202 started elsewhere (the body says
 * where), 204 nothing to do (no body); 400 invalid input; 401 missing or bad signature (nothing runs); 403 the
 * platform refused our credentials; 404 not found; 409 the platform refused the change; 429 transient or the same
 * delivery still running ({@code Retry-After}); 502 the platform failed; 504 the outcome of a change is unknown. Bad
 * input never yields a 500.</p>
 *
 * <p>The action runs with a {@link Delivery} of GitHub's {@code X-GitHub-Event} and the delivery key
 * ({@code X-GitHub-Delivery}, else {@code Idempotency-Key}).</p>
 */
abstract class WebhookTrigger implements Trigger {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookTrigger.class);
    private static final String JSON = "application/json";

    /** One request, whichever payload version carried it; headers case-insensitive. */
    record Request(byte[] body, Map<String, String> headers, Map<String, String> pathParameters) {
    }

    private final JsonMapper mapper;
    private final InputBinder binder;
    private final ActionInvoker invoker;
    private final IdempotentRunner runner;
    private final CredentialsProvider<WebhookSecrets> secrets;
    private final WebhookSignature signature;
    private final boolean verify;

    WebhookTrigger(JsonMapper mapper, InputBinder binder, ActionInvoker invoker, IdempotentRunner runner,
                   CredentialsProvider<WebhookSecrets> secrets, Clock clock, boolean verify) {
        this.mapper = mapper;
        this.binder = binder;
        this.invoker = invoker;
        this.runner = runner;
        this.secrets = secrets;
        this.signature = new WebhookSignature(clock, WebhookSignature.DEFAULT_TOLERANCE);
        this.verify = verify;
    }

    /** Reads the request out of this payload version's event. */
    abstract Request request(JsonNode event);

    @Override
    public final byte[] handle(Action<?, ?> action, JsonNode event, Deadline deadline) {
        Request request;
        try {
            request = request(event);
        } catch (ActionException e) {
            return failure(e, jsonHeaders());
        } catch (RuntimeException e) {
            return unexpected(action, e, jsonHeaders());
        }
        // Every line of the run carries the delivery key, the refusal of a bad signature included.
        try (Invocation.Scope correlated = Invocation.current().delivery(deliveryKey(request.headers()))) {
            return answer(action, request, deadline);
        }
    }

    private byte[] answer(Action<?, ?> action, Request request, Deadline deadline) {
        Map<String, String> headers = jsonHeaders();
        try {
            if (verify) {
                signature.verify(request.body(), request.headers(), secrets.get().secrets());
            }
            JsonNode input = withPathParameters(binder.parse(request.body()), request.pathParameters());
            Delivery delivery = new Delivery(request.headers().get("X-GitHub-Event"), deliveryKey(request.headers()));
            ActionInvoker.Output output = runner.run(action, input, deadline, delivery);
            byte[] body = output.json();
            if (output.outcome() == Outcome.NOTHING_TO_DO) {
                // A 204 has no body (RFC 9110); the output is for callers that read one, such as the CLI.
                body = new byte[0];
                headers.remove("Content-Type");
            }
            return respond(output.outcome().status(), headers, new String(body, StandardCharsets.UTF_8));
        } catch (WebhookSignature.Invalid e) {
            LOG.warn("{}: webhook refused: {}", action.name(), e.getMessage());
            Invocation.current().failed(ErrorType.UNAUTHORIZED);
            return respond(401, headers, new String(invoker.toJson(new ErrorResponse(new ErrorResponse.Detail(
                    "unauthorized", "invalid webhook signature: " + e.getMessage(), List.of()))),
                    StandardCharsets.UTF_8));
        } catch (ActionException e) {
            return failure(e, headers);
        } catch (RuntimeException e) {
            return unexpected(action, e, headers);
        }
    }

    /** The answer to a fault of ours: 500, the details in the log only. */
    private byte[] unexpected(Action<?, ?> action, RuntimeException e, Map<String, String> headers) {
        LOG.error("{}: webhook failed unexpectedly", action.name(), e);
        Invocation.current().failedUnexpectedly();
        return respond(500, headers, new String(invoker.toJson(ErrorResponse.internal(e)), StandardCharsets.UTF_8));
    }

    /** The answer to a typed failure: its status, {@code Retry-After} when it may pass, the error JSON. */
    private byte[] failure(ActionException e, Map<String, String> headers) {
        Invocation.current().failed(e.errorType());
        if (e.errorType() == ErrorType.TRANSIENT) {
            headers.put("Retry-After", "30");
        }
        return respond(e.errorType().status(), headers, new String(invoker.toJson(ErrorResponse.of(e)),
                StandardCharsets.UTF_8));
    }

    private static Map<String, String> jsonHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        return headers;
    }

    /** The typed AWS event, converted from the tree parsed once. */
    final <T> T typed(JsonNode event, Class<T> type) {
        try {
            return mapper.readValueFromTree(event, type);
        } catch (IOException e) {
            throw new ValidationException("malformed " + type.getSimpleName(), List.of(new FieldError("$",
                    "is not a valid " + type.getSimpleName())));
        }
    }

    /** The raw body bytes, base64-decoded when the event says so. */
    static byte[] body(String body, boolean base64) {
        if (body == null) {
            return new byte[0];
        }
        if (!base64) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new ValidationException("the body is marked base64 but is not",
                    List.of(new FieldError("$", "is not valid base64")));
        }
    }

    /** The headers as one case-insensitive map. */
    static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            map.putAll(headers);
        }
        return map;
    }

    /** The body's fields with the route's path parameters added (a path parameter wins over a body field). */
    private static JsonNode withPathParameters(JsonNode body, Map<String, String> pathParameters) {
        if (pathParameters == null || pathParameters.isEmpty() || !body.isObject()) {
            return body;
        }
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        body.entries().forEach(e -> merged.put(e.getKey(), e.getValue()));
        pathParameters.forEach((k, v) -> merged.put(k, JsonNode.createStringNode(v)));
        return JsonNode.createObjectNode(merged);
    }

    /** GitHub's delivery id, or a caller's {@code Idempotency-Key}. */
    private static String deliveryKey(Map<String, String> headers) {
        String github = headers.get("X-GitHub-Delivery");
        return github != null && !github.isBlank() ? github : headers.get("Idempotency-Key");
    }

    /**
     * The proxy response both payload versions accept. Written as the four documented fields rather than through
     * {@code APIGatewayV2HTTPResponse}: with outputs serialized null-inclusive, that type would emit
     * {@code "cookies": null}, which API Gateway does not expect.
     */
    private byte[] respond(int status, Map<String, String> headers, String body) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", status);
        response.put("headers", headers);
        response.put("body", body);
        response.put("isBase64Encoded", false);
        return invoker.toJson(response);
    }
}
