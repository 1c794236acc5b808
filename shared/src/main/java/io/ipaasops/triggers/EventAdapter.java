package io.ipaasops.triggers;

import io.ipaasops.core.Action;
import io.ipaasops.core.ActionException;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.InputBinder;
import io.ipaasops.telemetry.Invocation;
import io.ipaasops.telemetry.Telemetry;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Answers any event a handler can receive: parses it once, hands it to the first trigger that recognises it (SQS,
 * API Gateway v2 and v1, EventBridge, a Step Functions workflow step, else a direct invocation), and ends each
 * invocation with one summary log line and one metrics record ({@link Telemetry}).
 */
@Singleton
public final class EventAdapter {

    private final InputBinder binder;
    private final Telemetry telemetry;
    private final List<Trigger> triggers;

    /** Creates the adapter over the triggers, in the order they are asked. */
    public EventAdapter(InputBinder binder, Telemetry telemetry, SqsTrigger sqs, HttpApiTrigger httpApi,
                        RestApiTrigger restApi, EventBridgeTrigger eventBridge, WorkflowStepTrigger workflowStep,
                        DirectTrigger direct) {
        this.binder = binder;
        this.telemetry = telemetry;
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

    /** Like {@link #handle(Action, byte[], Deadline, Invocation.Start)} outside Lambda: no request id, not cold. */
    public byte[] handle(Action<?, ?> action, byte[] event, Deadline deadline) {
        return handle(action, event, deadline, Invocation.Start.now(null, false));
    }

    /**
     * Handles one event for {@code action} and returns what the handler must write back.
     *
     * @param start the invocation's request id, cold start and start time
     * @throws io.ipaasops.core.ActionException for direct and EventBridge invocations that fail, so that Lambda
     *                                          reports the failure (and retries or dead-letters it)
     */
    public byte[] handle(Action<?, ?> action, byte[] event, Deadline deadline, Invocation.Start start) {
        Invocation invocation = Invocation.begin(action.platform(), action.name(), start);
        try {
            JsonNode tree = binder.parse(event);
            Trigger trigger = triggerFor(tree);
            invocation.trigger(trigger.name());
            return trigger.handle(action, tree, deadline);
        } catch (ActionException e) {
            invocation.failed(e.errorType());
            throw e;
        } catch (RuntimeException | Error e) {
            invocation.failedUnexpectedly();
            throw e;
        } finally {
            telemetry.finish(invocation);
        }
    }
}
