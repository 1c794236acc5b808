package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Customer;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Returns one customer by id. */
public final class GetCustomerFunction extends PrismaticFunction<GetCustomerFunction.GetCustomerInput, Customer> {

    /** The action's input. */
    @Serdeable
    public record GetCustomerInput(@NonNull String customerId) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public GetCustomerFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public GetCustomerFunction(@Nullable ApplicationContext context) {
        super(context, "get-customer", GetCustomerInput.class, Effect.READ);
    }

    @Override
    protected Customer execute(GetCustomerInput input, PrismaticClient prismatic) {
        return prismatic.customer(input.customerId());
    }
}
