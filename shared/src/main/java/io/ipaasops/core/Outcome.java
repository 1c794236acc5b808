package io.ipaasops.core;

/**
 * What became of a request an action took, for the callers that tell them apart: a webhook answers 200, 202 or 204.
 *
 * <p>Almost every action finishes its work before it answers ({@link #DONE}). An output that started work which
 * finishes elsewhere (a workflow execution), or that found nothing to do, says so by implementing {@link Reported};
 * the action still knows nothing of HTTP, the trigger maps the outcome as it maps an {@link ErrorType}.</p>
 */
public enum Outcome {
    /** The work is done and the output is its result. */
    DONE(200),
    /** The work was started and finishes elsewhere; the output says where to follow it. */
    ACCEPTED(202),
    /** There was nothing to do for this request; the output, if anyone reads it, says why. */
    NOTHING_TO_DO(204);

    /** An output that says what became of its request; any other output is {@link #DONE}. */
    public interface Reported {

        /** This output's outcome. */
        Outcome outcome();
    }

    private final int status;

    Outcome(int status) {
        this.status = status;
    }

    /** The HTTP status a webhook caller gets. */
    public int status() {
        return status;
    }

    /** The outcome {@code output} reports, or {@link #DONE}. */
    public static Outcome of(Object output) {
        return output instanceof Reported reported && reported.outcome() != null ? reported.outcome() : DONE;
    }
}
