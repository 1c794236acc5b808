package io.ipaasops.triggers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.InputBinder;
import io.ipaasops.credentials.CredentialsProvider;
import io.ipaasops.credentials.WebhookSecrets;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Webhooks through an API Gateway REST API (the v1 proxy integration). */
@Singleton
public final class RestApiTrigger extends WebhookTrigger {

    /** Creates the trigger; {@code ipaas.webhook.verify=false} (local development only) skips signature checks. */
    public RestApiTrigger(JsonMapper mapper, InputBinder binder, ActionInvoker invoker, IdempotentRunner runner,
                          CredentialsProvider<WebhookSecrets> secrets, Clock clock,
                          @Property(name = "ipaas.webhook.verify", defaultValue = "true") boolean verify) {
        super(mapper, binder, invoker, runner, secrets, clock, verify);
    }

    @Override
    public String name() {
        return "rest-api";
    }

    @Override
    public boolean recognises(JsonNode event) {
        JsonNode context = event.get("requestContext");
        return context != null && context.isObject() && event.get("httpMethod") != null;
    }

    @Override
    Request request(JsonNode event) {
        APIGatewayProxyRequestEvent e = typed(event, APIGatewayProxyRequestEvent.class);
        return new Request(body(e.getBody(), Boolean.TRUE.equals(e.getIsBase64Encoded())),
                caseInsensitive(e.getHeaders()), e.getPathParameters());
    }
}
