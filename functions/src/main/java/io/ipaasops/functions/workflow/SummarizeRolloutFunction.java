package io.ipaasops.functions.workflow;

import io.ipaasops.core.AwsS3;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.Platform;
import io.ipaasops.core.S3Location;
import io.ipaasops.core.ValidationException;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.telemetry.Invocation;
import io.ipaasops.telemetry.WorkflowRun;
import io.ipaasops.workflows.Workflow;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanLocator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow's last step: one report of what happened to each instance and each test flow, and the overall outcome
 * ({@code SUCCEEDED} when nothing failed, {@code FAILED} when nothing succeeded, else {@code PARTIAL}).
 *
 * <p>A big fleet's results come from S3, where the rollout's Distributed Map wrote them, and its full report goes
 * to S3 ({@code report}). The answer stays bounded whatever the fleet: counts per status, the first
 * {@value #FAILURES_SHOWN} failures, every instance only up to {@value #INLINE_INSTANCES}, and where the full report
 * is (decision 0028).</p>
 */
public final class SummarizeRolloutFunction extends ActionFunction<SummarizeRolloutFunction.Results,
        SummarizeRolloutFunction.Report> {

    /** Prismatic's status of an execution that ended well. */
    static final String SUCCESS = "SUCCESS";
    /** Up to this many instances, the answer lists each one. */
    static final int INLINE_INSTANCES = 100;
    /** The answer lists at most this many failures; the full report has them all. */
    static final int FAILURES_SHOWN = 100;
    /** An error in the answer is cut to this many characters; the full report has it whole. */
    static final int ERROR_CHARS = 300;

    /**
     * What the workflow collected.
     *
     * @param version        the published version ({@code id}, {@code versionNumber})
     * @param canary         the canary's results, inline
     * @param rest           the rollout's results: inline (batches are flattened) or a Distributed Map's output
     *                       naming the manifest its ResultWriter wrote
     * @param targets        the file of targets the rollout read, so that every one of them is reported
     * @param resultsPrefix  where a rollout that stopped wrote its results (no map output names them)
     * @param testFlows      the test flows' runs
     * @param rolloutSkipped why the rollout did not run or did not finish
     * @param report         where the full report goes; without it the whole report is the answer
     * @param workflow       the workflow, when this is its execution's final report: its metrics record then counts
     *                       the execution (decision 0029)
     */
    @Serdeable
    public record Results(@Nullable JsonNode version, @Nullable List<JsonNode> canary, @Nullable JsonNode rest,
                          @Nullable S3Location targets, @Nullable S3Location resultsPrefix,
                          @Nullable List<JsonNode> testFlows, @Nullable String rolloutSkipped,
                          @Nullable S3Location report, @Nullable String workflow) {
    }

    /** One instance's outcome and, unless it deployed, why. */
    @Serdeable
    public record InstanceOutcome(String instanceId, InstanceStatus status, boolean canary, @Nullable String error) {
    }

    /** One test flow's run: Prismatic's execution status ({@code SUCCESS}, {@code ERROR}, ...) or why it has none. */
    @Serdeable
    public record TestOutcome(@Nullable String flowId, @Nullable String executionId, String status,
                              @Nullable Long durationMs, @Nullable String error) {
    }

    /** How many instances ended in each status. */
    @Serdeable
    public record Counts(int deployed, int upgraded, int failed, int notStarted, int unknown) {
    }

    /**
     * The report.
     *
     * @param overall          {@code SUCCEEDED}, {@code PARTIAL} or {@code FAILED}
     * @param versionId        the published version's id
     * @param versionNumber    its number
     * @param instanceCount    how many instances the report covers
     * @param counts           how many ended in each status
     * @param instances        every instance; in the answer only up to {@value #INLINE_INSTANCES} (else null)
     * @param failures         the instances that did not deploy; in the answer the first {@value #FAILURES_SHOWN}
     * @param failuresNotShown how many failures the answer leaves to the full report
     * @param testFlows        each test flow's run
     * @param failedCount      instances not deployed plus test flows not successful
     * @param rolloutSkipped   why the rollout did not run or did not finish
     * @param fullReport       where the full report is, when it was written to S3
     */
    @Serdeable
    public record Report(WorkflowRun.Outcome overall, @Nullable String versionId, @Nullable Integer versionNumber,
                         int instanceCount, Counts counts, @Nullable List<InstanceOutcome> instances,
                         List<InstanceOutcome> failures, int failuresNotShown, List<TestOutcome> testFlows,
                         long failedCount, @Nullable String rolloutSkipped, @Nullable S3Location fullReport) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public SummarizeRolloutFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public SummarizeRolloutFunction(@Nullable ApplicationContext context) {
        // A workflow step like WorkflowFunction's, but not a pure one: a big fleet's results and report are in S3.
        super(context, Platform.WORKFLOW, "summarize-rollout", Results.class, Effect.READ);
    }

    @Override
    public Report run(Results in, BeanLocator beans) {
        check(in);
        List<InstanceOutcome> instances = new ArrayList<>();
        flatten(in.canary()).forEach(r -> instances.add(instance(r, true)));
        instances.addAll(rest(in, beans));
        List<TestOutcome> tests = flatten(in.testFlows()).stream().map(SummarizeRolloutFunction::test).toList();
        Report full = report(in, instances, tests);
        if (in.workflow() != null) {
            Invocation.current().workflow(new WorkflowRun(Workflow.named(in.workflow()).orElseThrow(),
                    full.overall(), full.counts().deployed(),
                    full.instanceCount() - full.counts().deployed(),
                    tests.stream().filter(t -> !t.status().equals(SUCCESS)).count()));
        }
        if (in.report() == null) {
            return full;
        }
        JsonMapper mapper = beans.getBean(JsonMapper.class);
        try {
            beans.getBean(AwsS3.class).put(in.report(), mapper.writeValueAsBytes(full), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the report", e);
        }
        List<InstanceOutcome> shown = full.failures().stream().limit(FAILURES_SHOWN).map(SummarizeRolloutFunction::cut)
                .toList();
        return new Report(full.overall(), full.versionId(), full.versionNumber(), full.instanceCount(), full.counts(),
                instances.size() <= INLINE_INSTANCES ? instances.stream().map(SummarizeRolloutFunction::cut).toList()
                        : null, shown, full.failures().size() - shown.size(), tests, full.failedCount(),
                full.rolloutSkipped(), in.report());
    }

    private static void check(Results in) {
        List<FieldError> problems = new ArrayList<>();
        if (in.workflow() != null && Workflow.named(in.workflow()).isEmpty()) {
            problems.add(new FieldError("workflow", "must be one of " + String.join(", ",
                    Arrays.stream(Workflow.values()).map(Workflow::id).toList())));
        }
        for (Map.Entry<String, S3Location> location : locations(in).entrySet()) {
            if (location.getValue() != null) {
                problems.addAll(location.getValue().problems(location.getKey()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid results: " + problems.get(0).field() + " "
                    + problems.get(0).message(), problems);
        }
    }

    private static Map<String, S3Location> locations(Results in) {
        Map<String, S3Location> locations = new LinkedHashMap<>();
        locations.put("targets", in.targets());
        locations.put("resultsPrefix", in.resultsPrefix());
        locations.put("report", in.report());
        return locations;
    }

    /** The rollout's outcomes, inline or from S3, each target accounted for in the order the rollout read them. */
    private static List<InstanceOutcome> rest(Results in, BeanLocator beans) {
        Optional<S3Location> manifest = MapResults.manifestOf(in.rest());
        boolean stored = manifest.isPresent() || in.resultsPrefix() != null || in.targets() != null;
        if (!stored) {
            return in.rest() != null && in.rest().isArray() ? flatten(in.rest().values()).stream()
                    .map(r -> instance(r, false)).toList() : List.of();
        }
        // Only a rollout that kept its data in S3 touches S3: the client is made on this first use.
        MapResults results = new MapResults(beans.getBean(AwsS3.class), beans.getBean(JsonMapper.class));
        if (manifest.isEmpty() && in.resultsPrefix() != null) {
            manifest = results.newestManifest(in.resultsPrefix());
        }
        Map<String, InstanceOutcome> byId = new LinkedHashMap<>();
        if (in.targets() != null) {
            results.targets(in.targets()).forEach(id -> byId.put(id, null));
        }
        manifest.ifPresent(m -> results.read(m).forEach(o -> byId.put(o.instanceId(), o)));
        // A target without a result never ran if the rollout stopped (or never started) and its results are known;
        // if a stopped rollout left no results, or one that finished has none for it, nobody can say.
        boolean neverRan = in.rolloutSkipped() != null && (manifest.isPresent() || in.resultsPrefix() == null);
        String why = manifest.isPresent() ? "the rollout recorded no result for it"
                : "no results were found for the rollout under " + in.resultsPrefix();
        List<InstanceOutcome> outcomes = new ArrayList<>();
        byId.forEach((id, outcome) -> outcomes.add(outcome != null ? outcome : neverRan
                ? new InstanceOutcome(id, InstanceStatus.NOT_STARTED, false, null)
                : new InstanceOutcome(id, InstanceStatus.UNKNOWN, false, why)));
        return outcomes;
    }

    private static Report report(Results in, List<InstanceOutcome> instances, List<TestOutcome> tests) {
        int[] counts = new int[InstanceStatus.values().length];
        instances.forEach(i -> counts[i.status().ordinal()]++);
        List<InstanceOutcome> failures = instances.stream().filter(i -> i.status() != InstanceStatus.DEPLOYED)
                .toList();
        long failed = failures.size() + tests.stream().filter(t -> !t.status().equals(SUCCESS)).count();
        long total = instances.size() + tests.size();
        WorkflowRun.Outcome overall = failed == 0 && in.rolloutSkipped() == null ? WorkflowRun.Outcome.SUCCEEDED
                : failed == total ? WorkflowRun.Outcome.FAILED : WorkflowRun.Outcome.PARTIAL;
        return new Report(overall, text(in.version(), "id"), number(in.version(), "versionNumber"), instances.size(),
                new Counts(counts[InstanceStatus.DEPLOYED.ordinal()], counts[InstanceStatus.UPGRADED.ordinal()],
                        counts[InstanceStatus.FAILED.ordinal()], counts[InstanceStatus.NOT_STARTED.ordinal()],
                        counts[InstanceStatus.UNKNOWN.ordinal()]),
                instances, failures, 0, tests, failed, in.rolloutSkipped(), null);
    }

    private static InstanceOutcome cut(InstanceOutcome outcome) {
        String error = outcome.error();
        return error == null || error.length() <= ERROR_CHARS ? outcome : new InstanceOutcome(outcome.instanceId(),
                outcome.status(), outcome.canary(), error.substring(0, ERROR_CHARS - 1) + "…");
    }

    /** The items of a list whose elements may themselves be lists (a batched map's results). */
    private static List<JsonNode> flatten(@Nullable Iterable<JsonNode> items) {
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

    /** One result a workflow's Pass state wrote: {@code instanceId}, {@code status} and a caught {@code error}. */
    static InstanceOutcome instance(JsonNode r, boolean canary) {
        return new InstanceOutcome(text(r, "instanceId"), InstanceStatus.of(text(r, "status")), canary, error(r));
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

    /** A Catch's {@code {Error, Cause}} under {@code error}: the cause is our error JSON's message where it is one. */
    static String error(@Nullable JsonNode r) {
        JsonNode error = r == null || !r.isObject() ? null : r.get("error");
        if (error == null || error.isNull()) {
            return null;
        }
        String cause = text(error, "Cause");
        String type = text(error, "Error");
        return type == null ? error.coerceStringValue() : type + (cause == null ? "" : ": " + cause);
    }

    static String text(@Nullable JsonNode node, String field) {
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
