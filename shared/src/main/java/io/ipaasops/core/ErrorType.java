package io.ipaasops.core;

/**
 * The vocabulary of failures: each type's JSON name, the status a webhook caller gets, the CLI's exit code, and
 * whether a queued delivery is worth handing back for another try.
 */
public enum ErrorType {
    /** The input (or what the platform made of it) is invalid; the caller must change it. */
    VALIDATION("validation", 400, 2, false),
    /** Credentials are missing, wrong or refused; a rotated secret may fix it. */
    UNAUTHORIZED("unauthorized", 403, 1, true),
    /** The object does not exist (yet). */
    NOT_FOUND("not_found", 404, 1, true),
    /** The platform refused the change because of the state it is in; nothing was applied. */
    CONFLICT("conflict", 409, 1, false),
    /** A failure that may pass (rate limit, unavailable before anything applied); the change surely did not apply. */
    TRANSIENT("transient", 429, 1, true),
    /** The platform failed in a way retrying will not fix. */
    UPSTREAM("upstream", 502, 1, true),
    /** A change may or may not have applied and reading back could not tell; never repeated blindly. */
    INDETERMINATE("indeterminate", 504, 3, false);

    private final String json;
    private final int status;
    private final int exitCode;
    private final boolean retryable;

    ErrorType(String json, int status, int exitCode, boolean retryable) {
        this.json = json;
        this.status = status;
        this.exitCode = exitCode;
        this.retryable = retryable;
    }

    /** The name callers see in {@code {"error":{"type":...}}}. */
    public String json() {
        return json;
    }

    /** The HTTP status a webhook caller gets. */
    public int status() {
        return status;
    }

    /** The command line's exit status. */
    public int exitCode() {
        return exitCode;
    }

    /** Whether handing a queued delivery back for another try can help and cannot apply a change twice. */
    public boolean retryable() {
        return retryable;
    }
}
