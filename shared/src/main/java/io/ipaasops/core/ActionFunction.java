package io.ipaasops.core;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.micronaut.context.BeanLocator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One action (deploy an instance, update a connector, ...) and the AWS Lambda handler that runs it.
 *
 * <p>The framework owns {@link #handleRequest}: it reads the trigger's event, binds and validates the input
 * record, runs the action within the invocation's deadline and answers in the trigger's shape. A platform's
 * base class ({@code PrismaticFunction}, {@code VersoriFunction}) hands the action its client; the action only
 * turns its input record into one client call.</p>
 *
 * @param <I> the input record
 * @param <O> the output
 */
public abstract class ActionFunction<I, O> implements RequestStreamHandler {

    /** Whether an action changes the platform; changing actions are never repeated blindly. */
    public enum Effect {
        /** Reads only; safe to repeat. */
        READ,
        /** Changes the platform; a repeated delivery must not apply twice. */
        WRITE
    }

    private final String platform;
    private final String name;
    private final Class<I> inputType;
    private final Effect effect;

    /**
     * Creates the action's description; a handler's no-argument constructor calls this and nothing heavier.
     *
     * @param platform  the platform route prefix ({@code prismatic} or {@code versori})
     * @param name      the kebab-case action name, such as {@code deploy-instance}
     * @param inputType the input record
     * @param effect    whether the action changes the platform
     */
    protected ActionFunction(String platform, String name, Class<I> inputType, Effect effect) {
        this.platform = platform;
        this.name = name;
        this.inputType = inputType;
        this.effect = effect;
        if (FunctionRuntime.snapStart()) {
            // SnapStart snapshots the container after initialisation: start (and prime) the context now, so that
            // restored containers begin with it instead of building it on their first call.
            FunctionRuntime.context();
        }
    }

    /** The platform this action drives, also its route prefix. */
    public final String platform() {
        return platform;
    }

    /** The kebab-case action name. */
    public final String name() {
        return name;
    }

    /** The input record type. */
    public final Class<I> inputType() {
        return inputType;
    }

    /** Whether the action changes the platform. */
    public final Effect effect() {
        return effect;
    }

    /** Runs the action on a bound, validated input, taking its client from {@code beans}. */
    protected abstract O run(I input, BeanLocator beans);

    /** The Lambda entry point: answers any supported trigger event; subclasses never override it. */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        FunctionRuntime.handle(this, input, output, context);
    }
}
