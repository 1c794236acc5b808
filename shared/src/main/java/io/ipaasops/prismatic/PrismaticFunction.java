package io.ipaasops.prismatic;

import io.ipaasops.core.ActionFunction;
import io.micronaut.context.BeanLocator;

/**
 * The base of every Prismatic action: the action receives its validated input and the Prismatic client.
 *
 * @param <I> the input record
 * @param <O> the output
 */
public abstract class PrismaticFunction<I, O> extends ActionFunction<I, O> {

    /** Describes a Prismatic action; see {@link ActionFunction#ActionFunction}. */
    protected PrismaticFunction(String name, Class<I> inputType, Effect effect) {
        super("prismatic", name, inputType, effect);
    }

    /** Runs the action: usually one call on {@code prismatic}. */
    protected abstract O execute(I input, PrismaticClient prismatic);

    @Override
    protected final O run(I input, BeanLocator beans) {
        return execute(input, beans.getBean(PrismaticClient.class));
    }
}
