package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Execution;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Returns one execution's result by id. */
public final class GetExecutionFunction extends PrismaticFunction<GetExecutionFunction.GetExecutionInput, Execution> {

    /** The action's input. */
    @Serdeable
    public record GetExecutionInput(@NonNull String executionId) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public GetExecutionFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public GetExecutionFunction(@Nullable ApplicationContext context) {
        super(context, "get-execution", GetExecutionInput.class, Effect.READ);
    }

    @Override
    protected Execution execute(GetExecutionInput input, PrismaticClient prismatic) {
        return prismatic.execution(input.executionId());
    }
}
