package io.ipaasops.triggers;

import io.ipaasops.core.Action;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.Delivery;
import io.ipaasops.telemetry.Invocation;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

/**
 * A Step Functions task: {@code {"workflowStep": {"key": "<execution>/<state>/<item>", "input": {...}}}}, and
 * optionally {@code "execution"}. The key makes the step idempotent: the engine may run a task twice (a retried
 * service error, a timeout after the change applied), and a changing action then returns its first result instead
 * of applying again.
 */
@Singleton
public final class WorkflowStepTrigger implements Trigger {

    private final IdempotentRunner runner;

    /** Creates the trigger. */
    public WorkflowStepTrigger(IdempotentRunner runner) {
        this.runner = runner;
    }

    @Override
    public String name() {
        return "workflow-step";
    }

    @Override
    public boolean recognises(JsonNode event) {
        JsonNode step = event.get("workflowStep");
        return event.size() == 1 && step != null && step.isObject();
    }

    /**
     * Runs the step's input; failures are thrown, so the state machine's Retry and Catch see their type. Its log
     * lines name the execution: the step's {@code execution} where the definition passes one
     * ({@code "execution.$": "$$.Execution.Name"}), else the key's first segment.
     */
    @Override
    public byte[] handle(Action<?, ?> action, JsonNode event, Deadline deadline) {
        JsonNode step = event.get("workflowStep");
        String id = text(step.get("key"));
        String execution = text(step.get("execution"));
        Invocation.current().execution(execution != null ? execution
                : id != null && id.indexOf('/') > 0 ? id.substring(0, id.indexOf('/')) : null);
        return runner.run(action, step.get("input"), deadline, new Delivery(null, id)).json();
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() && !node.getStringValue().isBlank() ? node.getStringValue() : null;
    }
}
