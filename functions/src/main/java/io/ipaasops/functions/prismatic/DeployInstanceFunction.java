package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Instance;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Deploys an instance's latest configuration (Prismatic's deployInstance mutation). */
public final class DeployInstanceFunction extends PrismaticFunction<DeployInstanceFunction.DeployInstanceInput, Instance> {

    /** The action's input. */
    @Serdeable
    public record DeployInstanceInput(@NonNull String instanceId, @Nullable Boolean force) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public DeployInstanceFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public DeployInstanceFunction(@Nullable ApplicationContext context) {
        super(context, "deploy-instance", DeployInstanceInput.class, Effect.WRITE);
    }

    @Override
    protected Instance execute(DeployInstanceInput input, PrismaticClient prismatic) {
        return prismatic.deployInstance(input.instanceId(), input.force());
    }
}
