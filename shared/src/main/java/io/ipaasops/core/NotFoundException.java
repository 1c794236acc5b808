package io.ipaasops.core;

import java.util.List;

/** The thing the input names does not exist on the platform. */
public final class NotFoundException extends ActionException {

    /** Creates the error with a message that must not contain secrets. */
    public NotFoundException(String message) {
        this(message, List.of(), null);
    }

    /** Creates the error with field-level problems. */
    public NotFoundException(String message, List<FieldError> fields) {
        this(message, fields, null);
    }

    /** Creates the error with field-level problems and the underlying cause. */
    public NotFoundException(String message, List<FieldError> fields, Throwable cause) {
        super(message, fields, cause);
    }

    @Override
    public ErrorType errorType() {
        return ErrorType.NOT_FOUND;
    }
}
