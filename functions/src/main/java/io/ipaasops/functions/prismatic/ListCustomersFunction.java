package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Customer;
import io.ipaasops.prismatic.Page;
import io.ipaasops.prismatic.PageRequest;
import io.ipaasops.prismatic.PrismaticClient;
import io.ipaasops.prismatic.Variables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Lists customers, filtered as the connector's inputs say: one page, or every page with {@code all}. */
public final class ListCustomersFunction extends PrismaticFunction<ListCustomersFunction.ListCustomersInput,
        Page<Customer>> {

    /** The action's input; every filter is optional and sent only when set. */
    @Serdeable
    public record ListCustomersInput(@Nullable String before, @Nullable String after, @Nullable String name,
                                     @Nullable Integer offset, @Nullable String externalId,
                                     @Nullable String descriptionContains, @Nullable String labelContains,
                                     @Nullable Integer last, @Nullable String nameContains,
                                     @Nullable String nameStartsWith, @Nullable Integer first,
                                     @Nullable Boolean all) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public ListCustomersFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public ListCustomersFunction(@Nullable ApplicationContext context) {
        super(context, "list-customers", ListCustomersInput.class, Effect.READ);
    }

    @Override
    protected Page<Customer> execute(ListCustomersInput in, PrismaticClient prismatic) {
        return prismatic.customers(Variables.of(
                        "name", in.name(),
                        "externalId", in.externalId(),
                        "description_Icontains", in.descriptionContains(),
                        "labels_Icontains", in.labelContains(),
                        "name_Icontains", in.nameContains(),
                        "name_Istartswith", in.nameStartsWith()),
                new PageRequest(in.first(), in.after(), in.last(), in.before(), in.offset(),
                        Boolean.TRUE.equals(in.all())));
    }
}
