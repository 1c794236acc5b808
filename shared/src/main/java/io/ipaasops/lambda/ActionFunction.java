package io.ipaasops.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.ipaasops.core.Action;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.Once;
import io.ipaasops.core.Platform;
import io.ipaasops.telemetry.Invocation;
import io.ipaasops.triggers.EventAdapter;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The AWS Lambda handler of one action: the framework owns {@link #handleRequest}, a handler describes its action
 * and implements {@link #run}.
 *
 * <p>As with micronaut-aws's {@code MicronautRequestHandler}, the no-argument constructor serves Lambda: the handler
 * starts its own application context on the first call (during INIT under SnapStart). The constructor that takes a
 * started {@link ApplicationContext} serves tests and the local host, which share one context between handlers. A
 * stream handler reads the raw event once, so one class answers every trigger shape, and the runtime never resolves
 * generic input types by reflection (micronaut-aws #2000).</p>
 *
 * @param <I> the input record
 * @param <O> the output
 */
public abstract class ActionFunction<I, O> implements Action<I, O>, RequestStreamHandler, AutoCloseable {

    /** Left unspent of the Lambda's remaining time so that a failure can still be reported. */
    static final Duration SAFETY_MARGIN = Duration.ofMillis(500);
    /** The budget when no Lambda context says otherwise. */
    static final Duration DEFAULT_BUDGET = Duration.ofMinutes(15);

    private final Platform platform;
    private final String name;
    private final Class<I> inputType;
    private final Effect effect;
    private final boolean ownsContext;
    private final Once<ApplicationContext> context;

    /**
     * Describes the action; {@code context} is the started context to run on, or {@code null} for Lambda's own,
     * started on first use.
     */
    protected ActionFunction(@Nullable ApplicationContext context, Platform platform, String name,
                             Class<I> inputType, Effect effect) {
        this.platform = platform;
        this.name = name;
        this.inputType = inputType;
        this.effect = effect;
        this.context = context == null ? Once.of(FunctionRuntime::start) : Once.of(() -> context);
        this.ownsContext = context == null;
        if (ownsContext && FunctionRuntime.snapStart()) {
            // SnapStart snapshots the container after initialisation: start (and prime) the context now, so that
            // restored containers begin with it instead of building it on their first call.
            context();
        }
    }

    @Override
    public final Platform platform() {
        return platform;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Class<I> inputType() {
        return inputType;
    }

    @Override
    public final Effect effect() {
        return effect;
    }

    /** The context this handler runs on, started on first use when it is Lambda's own. */
    public final ApplicationContext context() {
        return context.get();
    }

    /**
     * The Lambda entry point: answers any supported trigger event, with its request id and cold start in its log
     * lines and metrics record; subclasses never override it.
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context lambda) throws IOException {
        Invocation.Start start = Invocation.Start.now(lambda == null ? null : lambda.getAwsRequestId(),
                ColdStart.take());
        Duration remaining = lambda == null ? DEFAULT_BUDGET
                : Duration.ofMillis(lambda.getRemainingTimeInMillis()).minus(SAFETY_MARGIN);
        byte[] event = input.readAllBytes();
        output.write(context().getBean(EventAdapter.class).handle(this, event, Deadline.in(remaining), start));
    }

    /** Closes the context if this handler started it; a context it was given belongs to the caller. */
    @Override
    public void close() {
        ApplicationContext current = context.ifComputed();
        if (ownsContext && current != null && current.isRunning()) {
            current.close();
        }
    }
}
