package io.ipaasops.triggers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.ipaasops.core.ActionException;
import io.ipaasops.core.ActionFunction;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.ErrorResponse;
import io.ipaasops.core.ErrorType;
import io.ipaasops.core.InputBinder;
import io.ipaasops.core.ValidationException;
import io.ipaasops.core.FieldError;
import io.ipaasops.credentials.CredentialsProvider;
import io.ipaasops.credentials.WebhookSecrets;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks through API Gateway (HTTP API v2 and REST v1 proxy): verify the signature over the raw body, run the
 * action on the JSON body plus path parameters, and answer with a status code and JSON.
 *
 * <p>Statuses: 200 result; 400 invalid input; 401 missing or bad signature (nothing runs); 403 the platform refused
 * our credentials; 404 not found; 409 the platform refused the change; 429 transient or the same delivery still
 * running, retry later ({@code Retry-After}); 502 the platform failed; 504 the outcome of a change is unknown (check
 * before repeating it). Bad input never yields a 500. Each comes from {@link io.ipaasops.core.ErrorType}.</p>
 */
@Singleton
public final class ApiGatewayTrigger {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayTrigger.class);
    private static final String JSON = "application/json";

    private final JsonMapper mapper;
    private final InputBinder binder;
    private final ActionInvoker invoker;
    private final CredentialsProvider<WebhookSecrets> secrets;
    private final WebhookSignature signature;
    private final boolean verify;

    /** Creates the trigger; {@code ipaas.webhook.verify=false} (local development only) skips signature checks. */
    public ApiGatewayTrigger(JsonMapper mapper, InputBinder binder, ActionInvoker invoker,
                             CredentialsProvider<WebhookSecrets> secrets, Clock clock,
                             @Property(name = "ipaas.webhook.verify", defaultValue = "true") boolean verify) {
        this.mapper = mapper;
        this.binder = binder;
        this.invoker = invoker;
        this.secrets = secrets;
        this.signature = new WebhookSignature(clock, WebhookSignature.DEFAULT_TOLERANCE);
        this.verify = verify;
    }

    /** One request, whichever payload version carried it. */
    private record Request(byte[] body, Map<String, String> headers, Map<String, String> pathParameters) {
    }

    byte[] handle(EventAdapter adapter, ActionFunction<?, ?> action, byte[] event, EventAdapter.Trigger trigger,
                  Deadline deadline) {
        Request request = trigger == EventAdapter.Trigger.API_GATEWAY_V2 ? v2(event) : v1(event);
        int status;
        byte[] body;
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        try {
            if (verify) {
                signature.verify(request.body(), request.headers(), secrets.get().secrets());
            }
            JsonNode input = withPathParameters(binder.parse(request.body()), request.pathParameters());
            body = adapter.run(action, input, deadline, deliveryKey(request.headers()));
            status = 200;
        } catch (WebhookSignature.Invalid e) {
            LOG.warn("{}: webhook refused: {}", action.name(), e.getMessage());
            status = 401;
            body = error("unauthorized", "invalid webhook signature: " + e.getMessage());
        } catch (ActionException e) {
            status = e.errorType().status();
            body = invoker.toJson(ErrorResponse.of(e));
            if (e.errorType() == ErrorType.TRANSIENT) {
                headers.put("Retry-After", "30");
            }
        } catch (RuntimeException e) {
            LOG.error("{}: webhook failed unexpectedly", action.name(), e);
            status = 500;
            body = invoker.toJson(ErrorResponse.internal(e));
        }
        return respond(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private Request v2(byte[] event) {
        APIGatewayV2HTTPEvent e = read(event, APIGatewayV2HTTPEvent.class);
        return new Request(body(e.getBody(), e.getIsBase64Encoded()), EventAdapter.caseInsensitive(e.getHeaders()),
                e.getPathParameters());
    }

    private Request v1(byte[] event) {
        APIGatewayProxyRequestEvent e = read(event, APIGatewayProxyRequestEvent.class);
        return new Request(body(e.getBody(), Boolean.TRUE.equals(e.getIsBase64Encoded())),
                EventAdapter.caseInsensitive(e.getHeaders()), e.getPathParameters());
    }

    private static byte[] body(String body, boolean base64) {
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

    private byte[] error(String type, String message) {
        return invoker.toJson(new ErrorResponse(new ErrorResponse.Detail(type, message, List.of())));
    }

    private <T> T read(byte[] event, Class<T> type) {
        try {
            return mapper.readValue(event, type);
        } catch (IOException e) {
            throw new ValidationException("malformed " + type.getSimpleName(), List.of(new FieldError("$",
                    "is not a valid " + type.getSimpleName())));
        }
    }
}
