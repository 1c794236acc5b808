package io.ipaasops.core;

import java.util.List;

/** The platform refused the change because of the state it is in (in use, precondition failed). */
public final class ConflictException extends ActionException {

    /** Creates the error with a message that must not contain secrets. */
    public ConflictException(String message) {
        this(message, List.of(), null);
    }

    /** Creates the error with field-level problems. */
    public ConflictException(String message, List<FieldError> fields) {
        this(message, fields, null);
    }

    /** Creates the error with field-level problems and the underlying cause. */
    public ConflictException(String message, List<FieldError> fields, Throwable cause) {
        super(message, fields, cause);
    }

    @Override
    public ErrorType errorType() {
        return ErrorType.CONFLICT;
    }
}
