package io.ipaasops.functions.workflow;

import io.ipaasops.core.Platform;
import io.ipaasops.lambda.ActionFunction;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanLocator;
import io.micronaut.core.annotation.Nullable;

/**
 * The base of a workflow's own steps (planning, reporting): pure functions of their input that call no platform, so
 * that a state machine keeps its logic in typed, tested Java rather than in JSONPath.
 *
 * @param <I> the input record
 * @param <O> the output
 */
public abstract class WorkflowFunction<I, O> extends ActionFunction<I, O> {

    /** Describes a workflow step on {@code context} (null: Lambda's own); see {@link ActionFunction}. */
    protected WorkflowFunction(@Nullable ApplicationContext context, String name, Class<I> inputType) {
        super(context, Platform.WORKFLOW, name, inputType, Effect.READ);
    }

    /** Computes the step's output from its input. */
    protected abstract O execute(I input);

    @Override
    public final O run(I input, BeanLocator beans) {
        return execute(input);
    }
}
