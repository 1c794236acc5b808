package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Instance;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Disables an instance (updateInstance with enabled false, as Prism does). */
public final class DisableInstanceFunction extends PrismaticFunction<DisableInstanceFunction.DisableInstanceInput, Instance> {

    /** The action's input. */
    @Serdeable
    public record DisableInstanceInput(@NonNull String instanceId) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public DisableInstanceFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public DisableInstanceFunction(@Nullable ApplicationContext context) {
        super(context, "disable-instance", DisableInstanceInput.class, Effect.WRITE);
    }

    @Override
    protected Instance execute(DisableInstanceInput input, PrismaticClient prismatic) {
        return prismatic.disableInstance(input.instanceId());
    }
}
