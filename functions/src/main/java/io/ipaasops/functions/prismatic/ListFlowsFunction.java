package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Flow;
import io.ipaasops.prismatic.Page;
import io.ipaasops.prismatic.PageRequest;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Lists an integration's flows: one page, or every page with {@code all}. */
public final class ListFlowsFunction extends PrismaticFunction<ListFlowsFunction.ListFlowsInput, Page<Flow>> {

    /** The action's input. */
    @Serdeable
    public record ListFlowsInput(@NonNull String integrationId, @Nullable Integer first, @Nullable String after,
                                 @Nullable Boolean all) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public ListFlowsFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public ListFlowsFunction(@Nullable ApplicationContext context) {
        super(context, "list-flows", ListFlowsInput.class, Effect.READ);
    }

    @Override
    protected Page<Flow> execute(ListFlowsInput input, PrismaticClient prismatic) {
        return prismatic.flows(input.integrationId(), new PageRequest(input.first(), input.after(), null, null, null,
                Boolean.TRUE.equals(input.all())));
    }
}
