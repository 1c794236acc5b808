package io.ipaasops.triggers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Example events of each trigger, as AWS documents them, kept as JSON files beside this class: the tests, the
 * SnapStart priming and the local host all start from them.
 */
public enum ExampleEvents {
    /** An API Gateway HTTP API (payload 2.0) request. */
    API_GATEWAY_V2("apigateway-v2.json"),
    /** An API Gateway REST API (v1 proxy) request. */
    API_GATEWAY_V1("apigateway-v1.json"),
    /** An EventBridge scheduled event. */
    EVENTBRIDGE_SCHEDULE("eventbridge-scheduled.json"),
    /** An SQS batch of one record. */
    SQS("sqs.json");

    private final String file;

    ExampleEvents(String file) {
        this.file = file;
    }

    /** The event's JSON text. */
    public String json() {
        try (InputStream in = ExampleEvents.class.getResourceAsStream("events/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing example event " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
