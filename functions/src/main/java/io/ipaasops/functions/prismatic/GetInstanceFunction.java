package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Instance;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Returns one instance by id, with its flow configurations and webhook URLs. */
public final class GetInstanceFunction extends PrismaticFunction<GetInstanceFunction.GetInstanceInput, Instance> {

    /** The action's input. */
    @Serdeable
    public record GetInstanceInput(@NonNull String instanceId) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public GetInstanceFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public GetInstanceFunction(@Nullable ApplicationContext context) {
        super(context, "get-instance", GetInstanceInput.class, Effect.READ);
    }

    @Override
    protected Instance execute(GetInstanceInput input, PrismaticClient prismatic) {
        return prismatic.instance(input.instanceId());
    }
}
