package io.ipaasops.core;

import java.util.List;

/** A failure that may pass: rate limiting, an unavailable platform, a timeout; retrying later may succeed. */
public final class TransientException extends ActionException {

    /** Creates the error with a message that must not contain secrets. */
    public TransientException(String message) {
        this(message, List.of(), null);
    }

    /** Creates the error with field-level problems. */
    public TransientException(String message, List<FieldError> fields) {
        this(message, fields, null);
    }

    /** Creates the error with field-level problems and the underlying cause. */
    public TransientException(String message, List<FieldError> fields, Throwable cause) {
        super(message, fields, cause);
    }

    @Override
    public ErrorType errorType() {
        return ErrorType.TRANSIENT;
    }
}
