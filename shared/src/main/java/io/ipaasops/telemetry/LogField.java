package io.ipaasops.telemetry;

/** The correlation fields every log line of an invocation carries (as MDC entries), and their names in JSON. */
public enum LogField {
    /** The Lambda request id. */
    REQUEST_ID("requestId"),
    /** The action's name, such as {@code deploy-instance}. */
    ACTION("action"),
    /** The platform's wire name, such as {@code prismatic}. */
    PLATFORM("platform"),
    /** The trigger's name, such as {@code sqs}. */
    TRIGGER("trigger"),
    /** {@code X-GitHub-Delivery}, {@code Idempotency-Key}, the SQS message id, the EventBridge event id, a step key. */
    DELIVERY_KEY("deliveryKey"),
    /** The Step Functions execution name of a workflow step. */
    EXECUTION("execution"),
    /** The X-Ray trace id ({@code 1-…-…}). */
    TRACE_ID("traceId");

    private final String key;

    LogField(String key) {
        this.key = key;
    }

    /** The field's name in JSON lines and its MDC key. */
    public String key() {
        return key;
    }
}
