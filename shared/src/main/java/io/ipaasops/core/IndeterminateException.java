package io.ipaasops.core;

import java.util.List;

/**
 * A change was sent but its outcome is unknown (a timeout or a gateway error after sending) and reading back
 * could not confirm it: the caller must check before repeating it.
 */
public final class IndeterminateException extends ActionException {

    /** Creates the error with a message that must not contain secrets. */
    public IndeterminateException(String message) {
        this(message, List.of(), null);
    }

    /** Creates the error with field-level problems and the underlying cause. */
    public IndeterminateException(String message, List<FieldError> fields, Throwable cause) {
        super(message, fields, cause);
    }

    @Override
    public ErrorType errorType() {
        return ErrorType.INDETERMINATE;
    }
}
