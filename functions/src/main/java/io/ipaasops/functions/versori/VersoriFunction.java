package io.ipaasops.functions.versori;

import io.ipaasops.core.Platform;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.versori.VersoriClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanLocator;
import io.micronaut.core.annotation.Nullable;

/**
 * The base of every Versori action: the action receives its validated input and the Versori client.
 *
 * @param <I> the input record
 * @param <O> the output
 */
public abstract class VersoriFunction<I, O> extends ActionFunction<I, O> {

    /** Describes a Versori action on {@code context} (null: Lambda's own); see {@link ActionFunction}. */
    protected VersoriFunction(@Nullable ApplicationContext context, String name, Class<I> inputType, Effect effect) {
        super(context, Platform.VERSORI, name, inputType, effect);
    }

    /** Runs the action: usually one call on {@code versori}. */
    protected abstract O execute(I input, VersoriClient versori);

    @Override
    public final O run(I input, BeanLocator beans) {
        return execute(input, beans.getBean(VersoriClient.class));
    }
}
