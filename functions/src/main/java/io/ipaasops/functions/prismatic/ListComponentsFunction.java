package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Component;
import io.ipaasops.prismatic.Page;
import io.ipaasops.prismatic.PageRequest;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Lists the components available to the organization: one page, or every page with {@code all}. */
public final class ListComponentsFunction extends PrismaticFunction<ListComponentsFunction.ListComponentsInput,
        Page<Component>> {

    /** The action's input. */
    @Serdeable
    public record ListComponentsInput(@Nullable Integer first, @Nullable String after, @Nullable Boolean all) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public ListComponentsFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public ListComponentsFunction(@Nullable ApplicationContext context) {
        super(context, "list-components", ListComponentsInput.class, Effect.READ);
    }

    @Override
    protected Page<Component> execute(ListComponentsInput input, PrismaticClient prismatic) {
        return prismatic.components(new PageRequest(input.first(), input.after(), null, null, null,
                Boolean.TRUE.equals(input.all())));
    }
}
