package io.ipaasops.core;

import java.util.List;

/** The credentials are missing, wrong or were refused by the platform. */
public final class UnauthorizedException extends ActionException {

    /** Creates the error with a message that must not contain secrets. */
    public UnauthorizedException(String message) {
        this(message, List.of(), null);
    }

    /** Creates the error with field-level problems. */
    public UnauthorizedException(String message, List<FieldError> fields) {
        this(message, fields, null);
    }

    /** Creates the error with field-level problems and the underlying cause. */
    public UnauthorizedException(String message, List<FieldError> fields, Throwable cause) {
        super(message, fields, cause);
    }

    @Override
    public ErrorType errorType() {
        return ErrorType.UNAUTHORIZED;
    }
}
