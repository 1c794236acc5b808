package io.ipaasops.functions.workflow;

import io.ipaasops.core.Platform;
import io.ipaasops.lambda.ActionFunction;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanLocator;
import io.micronaut.core.annotation.Nullable;

/**
 * The base of a workflow's own steps (planning, reporting): functions of their input that call no platform, so that
 * a state machine keeps its logic in typed, tested Java rather than in JSONPath. A step that keeps a big fleet's data
 * in S3 (the report) finds its client among the beans, made on first use.
 *
 * @param <I> the input record
 * @param <O> the output
 */
public abstract class WorkflowFunction<I, O> extends ActionFunction<I, O> {

    /** Describes a workflow step on {@code context} (null: Lambda's own); see {@link ActionFunction}. */
    protected WorkflowFunction(@Nullable ApplicationContext context, String name, Class<I> inputType) {
        super(context, Platform.WORKFLOW, name, inputType, Effect.READ);
    }

    /** Computes the step's output from its input; {@code beans} for the few steps that read or write S3. */
    protected abstract O execute(I input, BeanLocator beans);

    @Override
    public final O run(I input, BeanLocator beans) {
        return execute(input, beans);
    }
}
