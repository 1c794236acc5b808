package io.ipaasops.core;

import java.util.List;

/**
 * The closed family of failures an action can report; every trigger maps each {@link #type()} the same way.
 *
 * <p>Messages must never contain a secret: they travel to logs, CLI output and webhook callers.</p>
 */
public abstract sealed class ActionException extends RuntimeException
        permits ValidationException, NotFoundException, ConflictException, UpstreamException, TransientException,
        UnauthorizedException, IndeterminateException {

    private final transient List<FieldError> fields;

    ActionException(String message, List<FieldError> fields, Throwable cause) {
        super(message, cause, false, false);
        this.fields = List.copyOf(fields);
    }

    /** The failure's type, which decides the status, exit code and retry a caller sees. */
    public abstract ErrorType errorType();

    /** The machine-readable error type, for example {@code validation} or {@code not_found}. */
    public final String type() {
        return errorType().json();
    }

    /** The field-level problems, empty when the failure is not about particular fields. */
    public List<FieldError> fields() {
        return fields;
    }
}
