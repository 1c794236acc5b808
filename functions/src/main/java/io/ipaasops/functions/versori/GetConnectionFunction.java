package io.ipaasops.functions.versori;

import io.ipaasops.versori.VersoriClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** Returns one connection (GetConnection): its credentials as the API returns them, and its variables. */
public final class GetConnectionFunction extends VersoriFunction<GetConnectionFunction.GetConnectionInput,
        Map<String, Object>> {

    /** The action's input. */
    @Serdeable
    public record GetConnectionInput(@NonNull String connectorId, @NonNull String connectionId,
                                     @Nullable String organisationId) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public GetConnectionFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public GetConnectionFunction(@Nullable ApplicationContext context) {
        super(context, "get-connection", GetConnectionInput.class, Effect.READ);
    }

    @Override
    protected Map<String, Object> execute(GetConnectionInput in, VersoriClient versori) {
        return versori.connection(in.organisationId(), in.connectorId(), in.connectionId());
    }
}
