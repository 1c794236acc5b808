package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.PrismaticClient;
import io.ipaasops.prismatic.User;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Returns the user the credentials belong to, with their tenant and organization. */
public final class GetCurrentUserFunction extends PrismaticFunction<GetCurrentUserFunction.GetCurrentUserInput, User> {

    /** The action's input. */
    @Serdeable
    public record GetCurrentUserInput() {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public GetCurrentUserFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public GetCurrentUserFunction(@Nullable ApplicationContext context) {
        super(context, "get-current-user", GetCurrentUserInput.class, Effect.READ);
    }

    @Override
    protected User execute(GetCurrentUserInput input, PrismaticClient prismatic) {
        return prismatic.currentUser();
    }
}
