package io.ipaasops.core;

import java.util.List;

/** The platform answered with an error that retrying will not fix. */
public final class UpstreamException extends ActionException {

    /** Creates the error with a message that must not contain secrets. */
    public UpstreamException(String message) {
        this(message, List.of(), null);
    }

    /** Creates the error with field-level problems. */
    public UpstreamException(String message, List<FieldError> fields) {
        this(message, fields, null);
    }

    /** Creates the error with field-level problems and the underlying cause. */
    public UpstreamException(String message, List<FieldError> fields, Throwable cause) {
        super(message, fields, cause);
    }

    @Override
    public ErrorType errorType() {
        return ErrorType.UPSTREAM;
    }
}
