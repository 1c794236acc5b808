package io.ipaasops.functions.workflow;

import io.ipaasops.core.FieldError;
import io.ipaasops.core.ValidationException;
import io.ipaasops.telemetry.Invocation;
import io.ipaasops.telemetry.WorkflowRun;
import io.ipaasops.workflows.Workflow;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A workflow's last step: one report of what happened to each instance and each test flow, and the overall outcome
 * ({@code SUCCEEDED} when nothing failed, {@code FAILED} when nothing succeeded, else {@code PARTIAL}).
 */
public final class SummarizeRolloutFunction extends WorkflowFunction<SummarizeRolloutFunction.Results,
        SummarizeRolloutFunction.Report> {

    /** Prismatic's status of an execution that ended well. */
    static final String SUCCESS = "SUCCESS";

    /**
     * What the workflow collected: the version, instance results (batches are flattened), test flow results; and
     * {@code workflow} when this is the execution's final report, whose metrics record then counts the execution.
     */
    @Serdeable
    public record Results(@Nullable JsonNode version, @Nullable List<JsonNode> canary, @Nullable List<JsonNode> rest,
                          @Nullable List<JsonNode> testFlows, @Nullable String rolloutSkipped,
                          @Nullable String workflow) {
    }

    /** One instance's outcome: {@code deployed}, {@code upgraded} (moved, not deployed), {@code failed}. */
    @Serdeable
    public record InstanceOutcome(String instanceId, String status, boolean canary, @Nullable String error) {
    }

    /** One test flow's run: Prismatic's execution status ({@code SUCCESS}, {@code ERROR}, ...) or why it has none. */
    @Serdeable
    public record TestOutcome(@Nullable String flowId, @Nullable String executionId, String status,
                              @Nullable Long durationMs, @Nullable String error) {
    }

    /** The report. */
    @Serdeable
    public record Report(String overall, @Nullable String versionId, @Nullable Integer versionNumber,
                         List<InstanceOutcome> instances, List<TestOutcome> testFlows, long failedCount,
                         @Nullable String rolloutSkipped) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public SummarizeRolloutFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public SummarizeRolloutFunction(@Nullable ApplicationContext context) {
        super(context, "summarize-rollout", Results.class);
    }

    @Override
    protected Report execute(Results in) {
        List<InstanceOutcome> instances = new ArrayList<>();
        flatten(in.canary()).forEach(r -> instances.add(instance(r, true)));
        flatten(in.rest()).forEach(r -> instances.add(instance(r, false)));
        List<TestOutcome> tests = flatten(in.testFlows()).stream().map(SummarizeRolloutFunction::test).toList();
        long failed = instances.stream().filter(i -> !i.status().equals("deployed")).count()
                + tests.stream().filter(t -> !t.status().equals(SUCCESS)).count();
        long total = instances.size() + tests.size();
        String overall = failed == 0 && in.rolloutSkipped() == null ? "SUCCEEDED"
                : failed == total ? "FAILED" : "PARTIAL";
        if (in.workflow() != null) {
            String known = String.join(", ", Arrays.stream(Workflow.values()).map(Workflow::id).toList());
            Workflow workflow = Workflow.named(in.workflow()).orElseThrow(() -> new ValidationException(
                    "invalid input: workflow: must be one of " + known,
                    List.of(new FieldError("workflow", "must be one of " + known))));
            long deployed = instances.stream().filter(i -> i.status().equals("deployed")).count();
            Invocation.current().workflow(new WorkflowRun(workflow, WorkflowRun.Outcome.valueOf(overall), deployed,
                    instances.size() - deployed, tests.stream().filter(t -> !t.status().equals(SUCCESS)).count()));
        }
        return new Report(overall, text(in.version(), "id"), number(in.version(), "versionNumber"), instances, tests,
                failed, in.rolloutSkipped());
    }

    /** The items of a list whose elements may themselves be lists (a batched map's results). */
    private static List<JsonNode> flatten(@Nullable List<JsonNode> items) {
        List<JsonNode> flat = new ArrayList<>();
        if (items != null) {
            for (JsonNode item : items) {
                if (item != null && item.isArray()) {
                    item.values().forEach(flat::add);
                } else if (item != null && !item.isNull()) {
                    flat.add(item);
                }
            }
        }
        return flat;
    }

    private static InstanceOutcome instance(JsonNode r, boolean canary) {
        return new InstanceOutcome(text(r, "instanceId"), orElse(text(r, "status"), "failed"), canary, error(r));
    }

    private static TestOutcome test(JsonNode r) {
        JsonNode execution = r.get("execution");
        String status = execution == null || execution.isNull() ? (r.get("error") != null ? "FAILED_TO_RUN"
                : "NOT_STARTED") : orElse(text(execution, "status"), "UNKNOWN");
        if (execution != null && r.get("finished") != null && !r.get("finished").getBooleanValue()) {
            status = "NOT_FINISHED";
        }
        JsonNode flow = r.get("flow");
        String flowId = flow != null && flow.isObject() ? text(flow, "id") : text(r, "flowId");
        return new TestOutcome(flowId, orElse(text(r, "executionId"), text(execution, "id")), status,
                duration(execution), error(r));
    }

    private static Long duration(@Nullable JsonNode execution) {
        String started = text(execution, "startedAt");
        String ended = text(execution, "endedAt");
        if (started == null || ended == null) {
            return null;
        }
        try {
            return Duration.between(OffsetDateTime.parse(started), OffsetDateTime.parse(ended)).toMillis();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A Catch's {@code {Error, Cause}}: the cause is our error JSON's message where it is one. */
    private static String error(JsonNode r) {
        JsonNode error = r.get("error");
        if (error == null || error.isNull()) {
            return null;
        }
        String cause = text(error, "Cause");
        String type = text(error, "Error");
        return type == null ? error.coerceStringValue() : type + (cause == null ? "" : ": " + cause);
    }

    private static String text(@Nullable JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value == null || value.isNull() ? null : value.coerceStringValue();
    }

    private static Integer number(@Nullable JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value != null && value.isNumber() ? value.getNumberValue().intValue() : null;
    }

    private static String orElse(@Nullable String value, String fallback) {
        return value == null ? fallback : value;
    }
}
