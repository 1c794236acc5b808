package io.ipaasops.versori;

import io.ipaasops.core.ActionFunction;
import io.micronaut.context.BeanLocator;

/**
 * The base of every Versori action: the action receives its validated input and the Versori client.
 *
 * @param <I> the input record
 * @param <O> the output
 */
public abstract class VersoriFunction<I, O> extends ActionFunction<I, O> {

    /** Describes a Versori action; see {@link ActionFunction#ActionFunction}. */
    protected VersoriFunction(String name, Class<I> inputType, Effect effect) {
        super("versori", name, inputType, effect);
    }

    /** Runs the action: usually one call on {@code versori}. */
    protected abstract O execute(I input, VersoriClient versori);

    @Override
    protected final O run(I input, BeanLocator beans) {
        return execute(input, beans.getBean(VersoriClient.class));
    }
}
