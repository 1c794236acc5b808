package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.PrismaticClient;
import io.ipaasops.prismatic.PrismaticFunction;
import io.ipaasops.prismatic.Integration;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Renames or re-describes an integration; what is not given is left as it is. */
public final class UpdateIntegrationFunction extends PrismaticFunction<UpdateIntegrationFunction.UpdateIntegrationInput, Integration> {

    /** The action's input. */
    @Serdeable
    public record UpdateIntegrationInput(@NonNull String integrationId, @Nullable String name, @Nullable String description) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public UpdateIntegrationFunction() {
        super("update-integration", UpdateIntegrationInput.class, Effect.WRITE);
    }

    @Override
    protected Integration execute(UpdateIntegrationInput input, PrismaticClient prismatic) {
        return prismatic.updateIntegration(input.integrationId(), input.name(), input.description());
    }
}
