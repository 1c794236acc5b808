package io.ipaasops.core;

import io.micronaut.context.BeanLocator;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Runs one action on one JSON input: bind and validate, execute within the deadline, serialize the output.
 *
 * <p>Every entry point (Lambda triggers, the CLI, the local host) goes through here, so an action behaves the
 * same whichever way it is called.</p>
 */
@Singleton
public final class ActionInvoker {

    /**
     * What one run produced: its output JSON and what became of the request.
     *
     * @param json    the output, serialized, secrets masked
     * @param outcome done, started elsewhere, or nothing to do ({@link Outcome#of})
     */
    public record Output(byte[] json, Outcome outcome) {
    }

    private final InputBinder binder;
    private final JsonMapper mapper;
    private final BeanLocator beans;

    /** Creates the invoker; {@code beans} supplies each action's client. */
    public ActionInvoker(InputBinder binder, JsonMapper mapper, BeanLocator beans) {
        this.binder = binder;
        this.mapper = mapper;
        this.beans = beans;
    }

    /** Runs {@code action} on the JSON {@code input} before {@code deadline} and returns its JSON output. */
    public byte[] invoke(Action<?, ?> action, byte[] input, Deadline deadline) {
        return invoke(action, binder.parse(input), deadline);
    }

    /**
     * Runs {@code action} on an already parsed input before {@code deadline} and returns its JSON output, with any
     * secret the platform echoed masked as in logs and errors.
     */
    public byte[] invoke(Action<?, ?> action, JsonNode input, Deadline deadline) {
        return answer(action, input, deadline).json();
    }

    /** Like {@link #invoke(Action, JsonNode, Deadline)}, with the outcome the output reports. */
    public Output answer(Action<?, ?> action, JsonNode input, Deadline deadline) {
        Object output = deadline.bind(() -> run(action, input));
        return new Output(Redactor.scrub(toJson(output)), Outcome.of(output));
    }

    private <I, O> O run(Action<I, O> action, JsonNode input) {
        I bound = binder.bind(input, action.inputType());
        return action.run(bound, beans);
    }

    /** Serializes any output or error record to JSON. */
    public byte[] toJson(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
