package io.ipaasops.core;

import io.micronaut.context.BeanLocator;

/**
 * One action (deploy an instance, update a connector, ...): its input record, whether it changes the platform, and
 * the one client call it makes. Every entry point (Lambda triggers, the CLI, the local host) runs it the same way.
 *
 * @param <I> the input record
 * @param <O> the output
 */
public interface Action<I, O> {

    /** Whether an action changes the platform; changing actions are never repeated blindly. */
    enum Effect {
        /** Reads only; safe to repeat. */
        READ,
        /** Changes the platform; a repeated delivery must not apply twice. */
        WRITE
    }

    /** The platform this action drives. */
    Platform platform();

    /** The kebab-case action name, such as {@code deploy-instance}. */
    String name();

    /** The input record type. */
    Class<I> inputType();

    /** Whether the action changes the platform. */
    Effect effect();

    /**
     * The path of its webhook, {@code /<platform>/<action>} unless the action names its own (GitHub's push webhook
     * is {@code /github/push}); API Gateway, the local host and the index all route by it.
     */
    default String route() {
        return "/" + platform().route() + "/" + name();
    }

    /** Runs the action on a bound, validated input, taking its client from {@code beans}. */
    O run(I input, BeanLocator beans);
}
