package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Instance;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Renames or re-describes an instance; what is not given is left as it is. */
public final class UpdateInstanceFunction extends PrismaticFunction<UpdateInstanceFunction.UpdateInstanceInput, Instance> {

    /** The action's input. */
    @Serdeable
    public record UpdateInstanceInput(@NonNull String instanceId, @Nullable String name, @Nullable String description) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public UpdateInstanceFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public UpdateInstanceFunction(@Nullable ApplicationContext context) {
        super(context, "update-instance", UpdateInstanceInput.class, Effect.WRITE);
    }

    @Override
    protected Instance execute(UpdateInstanceInput input, PrismaticClient prismatic) {
        return prismatic.updateInstance(input.instanceId(), input.name(), input.description());
    }
}
