package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.PrismaticClient;
import io.ipaasops.prismatic.TestFlowResult;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Runs a flow's test; with {@code waitForResult}, waits (within the time left) for the execution to end. */
public final class TestFlowFunction extends PrismaticFunction<TestFlowFunction.TestFlowInput, TestFlowResult> {

    /** The action's input. */
    @Serdeable
    public record TestFlowInput(@NonNull String flowId, @Nullable String payload, @Nullable String contentType, @Nullable Boolean waitForResult) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public TestFlowFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public TestFlowFunction(@Nullable ApplicationContext context) {
        super(context, "test-flow", TestFlowInput.class, Effect.WRITE);
    }

    @Override
    protected TestFlowResult execute(TestFlowInput input, PrismaticClient prismatic) {
        return prismatic.testFlow(input.flowId(), input.payload(), input.contentType(), Boolean.TRUE.equals(input.waitForResult()));
    }
}
