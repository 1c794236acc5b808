package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Integration;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
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
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public UpdateIntegrationFunction(@Nullable ApplicationContext context) {
        super(context, "update-integration", UpdateIntegrationInput.class, Effect.WRITE);
    }

    @Override
    protected Integration execute(UpdateIntegrationInput input, PrismaticClient prismatic) {
        return prismatic.updateIntegration(input.integrationId(), input.name(), input.description());
    }
}
