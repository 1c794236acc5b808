package io.ipaasops.core;

/** An AWS call that failed: the service's error (its status and error code), or no answer at all (status 0). */
public final class AwsCallException extends RuntimeException {

    private final int status;
    private final String code;

    /** A failed call; {@code status} 0 and {@code code} empty when the service could not be reached. */
    public AwsCallException(int status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code == null ? "" : code;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** The error code without its namespace (e.g. {@code ConditionalCheckFailedException}), or empty. */
    public String code() {
        return code;
    }

    /** Whether the service answered at all. */
    public boolean answered() {
        return status != 0;
    }
}
