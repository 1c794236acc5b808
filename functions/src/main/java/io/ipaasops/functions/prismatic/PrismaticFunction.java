package io.ipaasops.functions.prismatic;

import io.ipaasops.core.Platform;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanLocator;
import io.micronaut.core.annotation.Nullable;

/**
 * The base of every Prismatic action: the action receives its validated input and the Prismatic client.
 *
 * @param <I> the input record
 * @param <O> the output
 */
public abstract class PrismaticFunction<I, O> extends ActionFunction<I, O> {

    /** Describes a Prismatic action on {@code context} (null: Lambda's own); see {@link ActionFunction}. */
    protected PrismaticFunction(@Nullable ApplicationContext context, String name, Class<I> inputType, Effect effect) {
        super(context, Platform.PRISMATIC, name, inputType, effect);
    }

    /** Runs the action: usually one call on {@code prismatic}. */
    protected abstract O execute(I input, PrismaticClient prismatic);

    @Override
    public final O run(I input, BeanLocator beans) {
        return execute(input, beans.getBean(PrismaticClient.class));
    }
}
