package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Integration;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Returns one integration by id, with its flows. */
public final class GetIntegrationFunction extends PrismaticFunction<GetIntegrationFunction.GetIntegrationInput, Integration> {

    /** The action's input. */
    @Serdeable
    public record GetIntegrationInput(@NonNull String integrationId) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public GetIntegrationFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public GetIntegrationFunction(@Nullable ApplicationContext context) {
        super(context, "get-integration", GetIntegrationInput.class, Effect.READ);
    }

    @Override
    protected Integration execute(GetIntegrationInput input, PrismaticClient prismatic) {
        return prismatic.integration(input.integrationId());
    }
}
