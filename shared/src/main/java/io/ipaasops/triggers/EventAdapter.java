package io.ipaasops.triggers;

import io.ipaasops.core.Action;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.InputBinder;
import io.ipaasops.core.UpstreamTime;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers any event a handler can receive: parses it once, hands it to the first trigger that recognises it (SQS,
 * API Gateway v2 and v1, EventBridge, a Step Functions workflow step, else a direct invocation), and logs one line
 * per invocation.
 */
@Singleton
public final class EventAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(EventAdapter.class);

    private final InputBinder binder;
    private final List<Trigger> triggers;

    /** Creates the adapter over the triggers, in the order they are asked. */
    public EventAdapter(InputBinder binder, SqsTrigger sqs, HttpApiTrigger httpApi, RestApiTrigger restApi,
                        EventBridgeTrigger eventBridge, WorkflowStepTrigger workflowStep, DirectTrigger direct) {
        this.binder = binder;
        // Direct comes last: it recognises everything.
        this.triggers = List.of(sqs, httpApi, restApi, eventBridge, workflowStep, direct);
    }

    /** The trigger that answers {@code event}. */
    public Trigger triggerFor(JsonNode event) {
        if (event == null || !event.isObject()) {
            return triggers.get(triggers.size() - 1);
        }
        return triggers.stream().filter(t -> t.recognises(event)).findFirst().orElseThrow();
    }

    /**
     * Handles one event for {@code action} and returns what the handler must write back.
     *
     * @throws io.ipaasops.core.ActionException for direct and EventBridge invocations that fail, so that Lambda
     *                                          reports the failure (and retries or dead-letters it)
     */
    public byte[] handle(Action<?, ?> action, byte[] event, Deadline deadline) {
        JsonNode tree = binder.parse(event);
        Trigger trigger = triggerFor(tree);
        long started = System.nanoTime();
        UpstreamTime.reset();
        try {
            return trigger.handle(action, tree, deadline);
        } finally {
            LOG.info("{} via {} in {} ms ({} ms upstream in {} calls)", action.name(), trigger.name(),
                    (System.nanoTime() - started) / 1_000_000, UpstreamTime.nanos() / 1_000_000, UpstreamTime.calls());
        }
    }
}
