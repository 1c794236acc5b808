package io.ipaasops.core;

import java.util.List;

/**
 * The closed family of failures an action can report; every trigger maps each {@link #type()} the same way.
 *
 * <p>Messages must never contain a secret: they travel to logs, CLI output and webhook callers. Any secret the
 * process has loaded is masked in them all the same ({@link Redactor}).</p>
 */
public abstract sealed class ActionException extends RuntimeException
        permits ValidationException, NotFoundException, ConflictException, UpstreamException, TransientException,
        UnauthorizedException, IndeterminateException {

    private final transient List<FieldError> fields;

    ActionException(String message, List<FieldError> fields, Throwable cause) {
        // Scrubbed here as well as where it is shown: a thrown failure also reaches the Lambda runtime client,
        // which prints it and posts it to the caller, and a platform's error text may echo what it was sent.
        super(Redactor.scrub(message), cause, false, false);
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
