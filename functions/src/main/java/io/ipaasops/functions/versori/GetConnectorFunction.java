package io.ipaasops.functions.versori;

import io.ipaasops.versori.VersoriClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** Returns one connector (GetConnector), with its auth scheme configs, connections and versions. */
public final class GetConnectorFunction extends VersoriFunction<GetConnectorFunction.GetConnectorInput,
        Map<String, Object>> {

    /** The action's input; {@code organisationId} defaults to the configured organisation. */
    @Serdeable
    public record GetConnectorInput(@NonNull String connectorId, @Nullable String organisationId) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public GetConnectorFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public GetConnectorFunction(@Nullable ApplicationContext context) {
        super(context, "get-connector", GetConnectorInput.class, Effect.READ);
    }

    @Override
    protected Map<String, Object> execute(GetConnectorInput input, VersoriClient versori) {
        return versori.connector(input.organisationId(), input.connectorId());
    }
}
