package io.ipaasops.triggers;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.InputBinder;
import io.ipaasops.credentials.CredentialsProvider;
import io.ipaasops.credentials.WebhookSecrets;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Webhooks through an API Gateway HTTP API (payload format 2.0). */
@Singleton
public final class HttpApiTrigger extends WebhookTrigger {

    /** Creates the trigger; {@code ipaas.webhook.verify=false} (local development only) skips signature checks. */
    public HttpApiTrigger(JsonMapper mapper, InputBinder binder, ActionInvoker invoker, IdempotentRunner runner,
                          CredentialsProvider<WebhookSecrets> secrets, Clock clock,
                          @Property(name = "ipaas.webhook.verify", defaultValue = "true") boolean verify) {
        super(mapper, binder, invoker, runner, secrets, clock, verify);
    }

    @Override
    public String name() {
        return "http-api";
    }

    @Override
    public boolean recognises(JsonNode event) {
        JsonNode version = event.get("version");
        JsonNode context = event.get("requestContext");
        return version != null && version.isString() && "2.0".equals(version.getStringValue())
                && context != null && context.isObject() && context.get("http") != null;
    }

    @Override
    Request request(JsonNode event) {
        APIGatewayV2HTTPEvent e = typed(event, APIGatewayV2HTTPEvent.class);
        return new Request(body(e.getBody(), e.getIsBase64Encoded()), caseInsensitive(e.getHeaders()),
                e.getPathParameters());
    }
}
