package io.ipaasops.triggers;

import io.ipaasops.core.Action;
import io.ipaasops.core.Deadline;
import io.micronaut.json.tree.JsonNode;

/** One way a Lambda function is invoked: it recognises its events and answers them in the shape its caller expects. */
public interface Trigger {

    /**
     * The trigger's name in logs and metrics: {@code sqs}, {@code http-api}, {@code rest-api}, {@code eventbridge},
     * {@code workflow-step}, {@code direct}.
     */
    String name();

    /** Whether {@code event} (already parsed) is one of this trigger's. */
    boolean recognises(JsonNode event);

    /**
     * Runs {@code action} for {@code event} and returns what the handler writes back.
     *
     * @throws io.ipaasops.core.ActionException where the trigger reports failures by throwing (direct, EventBridge)
     */
    byte[] handle(Action<?, ?> action, JsonNode event, Deadline deadline);
}
