package io.ipaasops.functions.versori;

import io.ipaasops.versori.Variable;
import io.ipaasops.versori.VersoriClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** Renames a connection or replaces its variables; its credentials and anything not given are kept. */
public final class UpdateConnectionFunction extends VersoriFunction<UpdateConnectionFunction.UpdateConnectionInput,
        Map<String, Object>> {

    /** The action's input; {@code variables} replaces the whole list ({@code []} clears it). */
    @Serdeable
    public record UpdateConnectionInput(@NonNull String connectorId, @NonNull String connectionId,
                                        @Nullable String organisationId, @Nullable String name,
                                        @Nullable List<Variable> variables) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public UpdateConnectionFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public UpdateConnectionFunction(@Nullable ApplicationContext context) {
        super(context, "update-connection", UpdateConnectionInput.class, Effect.WRITE);
    }

    @Override
    protected Map<String, Object> execute(UpdateConnectionInput in, VersoriClient versori) {
        return versori.updateConnection(in.organisationId(), in.connectorId(), in.connectionId(), in.name(),
                in.variables());
    }
}
