package io.ipaasops.functions.versori;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ipaasops.versori.ConnectorChanges;
import io.ipaasops.versori.Variable;
import io.ipaasops.versori.VersoriClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * Changes the given fields of a connector and keeps every other field (UpdateConnector is a full replacement, so
 * the action reads the connector, applies the changes and PUTs the whole).
 */
public final class UpdateConnectorFunction extends VersoriFunction<UpdateConnectorFunction.UpdateConnectorInput,
        Map<String, Object>> {

    /** The action's input; only the fields given are changed. */
    @Serdeable
    public record UpdateConnectorInput(@NonNull String connectorId, @Nullable String organisationId,
                                       @Nullable String name, @Nullable String baseUrl,
                                       @Nullable String documentationUrl, @Nullable String imageUrl,
                                       @Nullable List<String> authSchemeConfigIds,
                                       @Nullable List<Variable> connectionVariables,
                                       @Nullable Map<String, List<String>> tags,
                                       @JsonProperty("public") @Nullable Boolean isPublic) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public UpdateConnectorFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public UpdateConnectorFunction(@Nullable ApplicationContext context) {
        super(context, "update-connector", UpdateConnectorInput.class, Effect.WRITE);
    }

    @Override
    protected Map<String, Object> execute(UpdateConnectorInput in, VersoriClient versori) {
        return versori.updateConnector(in.organisationId(), in.connectorId(), new ConnectorChanges(in.name(),
                in.baseUrl(), in.documentationUrl(), in.imageUrl(), in.authSchemeConfigIds(),
                in.connectionVariables(), in.tags(), in.isPublic()));
    }
}
