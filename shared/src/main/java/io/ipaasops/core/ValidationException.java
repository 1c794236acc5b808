package io.ipaasops.core;

import java.util.List;

/** The input (or what the platform made of it) is invalid; the caller must change it before trying again. */
public final class ValidationException extends ActionException {

    /** Creates the error with a message that must not contain secrets. */
    public ValidationException(String message) {
        this(message, List.of(), null);
    }

    /** Creates the error with field-level problems. */
    public ValidationException(String message, List<FieldError> fields) {
        this(message, fields, null);
    }

    /** Creates the error with field-level problems and the underlying cause. */
    public ValidationException(String message, List<FieldError> fields, Throwable cause) {
        super(message, fields, cause);
    }

    @Override
    public ErrorType errorType() {
        return ErrorType.VALIDATION;
    }
}
