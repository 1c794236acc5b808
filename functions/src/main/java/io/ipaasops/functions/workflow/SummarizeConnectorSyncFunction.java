package io.ipaasops.functions.workflow;

import com.fasterxml.jackson.annotation.JsonValue;
import io.ipaasops.telemetry.Invocation;
import io.ipaasops.telemetry.WorkflowRun;
import io.ipaasops.versori.Variable;
import io.ipaasops.workflows.Workflow;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sync-connector workflow's last step: whether the connection variables the config gave arrived on each of the
 * connector's connections, read back in full, by variable name only (values may be secrets and never leave).
 */
public final class SummarizeConnectorSyncFunction extends WorkflowFunction<SummarizeConnectorSyncFunction.Results,
        SummarizeConnectorSyncFunction.Report> {

    /** What one connection's variables say about the sync. */
    @Serdeable
    public enum ConnectionStatus {
        /** It has exactly the config's variables. */
        SYNCED("synced"),
        /** At least one of the config's variables is not on it. */
        MISSING("missing"),
        /** It has every variable, but some with another value, or others the config does not give. */
        DIFFERENT("different"),
        /** The config gives no {@code connectionVariables}, so the update left them as they were: not checked. */
        UNCHANGED("unchanged"),
        /** It could not be read back. */
        FAILED("failed");

        private final String json;

        ConnectionStatus(String json) {
            this.json = json;
        }

        /** The name in the report. */
        @JsonValue
        public String json() {
            return json;
        }
    }

    /**
     * The connector the sync updated.
     *
     * @param id   its id
     * @param name its name after the update
     */
    @Serdeable
    public record ConnectorRef(@Nullable String id, @Nullable String name) {
    }

    /**
     * What the workflow collected.
     *
     * @param connector   the updated connector ({@code id}, {@code name})
     * @param expected    the config's {@code connectionVariables}; absent when it gives none
     * @param connections each connection: read back in full ({@code id}, {@code name}, {@code variables}), a
     *                    summary when not checked, or {@code id}, {@code name} and the Catch's {@code error}
     */
    @Serdeable
    public record Results(@Nullable ConnectorRef connector, @Nullable List<Variable> expected,
                          @Nullable List<JsonNode> connections) {
    }

    /**
     * One connection's outcome; variables by name only.
     *
     * @param connectionId the connection
     * @param name         its name
     * @param status       what its variables say
     * @param missing      the config's variables it lacks
     * @param different    the config's variables it has with another value
     * @param extra        variables it has that the config does not give (the update replaces the whole list)
     * @param error        why it could not be read back
     */
    @Serdeable
    public record ConnectionOutcome(@Nullable String connectionId, @Nullable String name, ConnectionStatus status,
                                    List<String> missing, List<String> different, List<String> extra,
                                    @Nullable String error) {
    }

    /**
     * The report.
     *
     * @param overall     the sync as a whole
     * @param connector   the updated connector ({@code id}, {@code name})
     * @param variables   the names of the config's connection variables; null when it gives none (not checked)
     * @param connections each connection's outcome
     * @param failedCount connections checked that do not have the variables, or could not be read
     */
    @Serdeable
    public record Report(WorkflowRun.Outcome overall, @Nullable ConnectorRef connector, @Nullable List<String> variables,
                         List<ConnectionOutcome> connections, long failedCount) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public SummarizeConnectorSyncFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public SummarizeConnectorSyncFunction(@Nullable ApplicationContext context) {
        super(context, "summarize-connector-sync", Results.class);
    }

    @Override
    protected Report execute(Results in) {
        Map<String, String> expected = null;
        if (in.expected() != null) {
            expected = new LinkedHashMap<>();
            for (Variable variable : in.expected()) {
                expected.put(variable.name(), variable.value());
            }
        }
        List<ConnectionOutcome> outcomes = new ArrayList<>();
        for (JsonNode connection : in.connections() == null ? List.<JsonNode>of() : in.connections()) {
            if (connection != null && connection.isObject()) {
                outcomes.add(outcome(connection, expected));
            }
        }
        long synced = outcomes.stream().filter(o -> o.status() == ConnectionStatus.SYNCED).count();
        long failed = outcomes.stream().filter(o -> o.status() != ConnectionStatus.SYNCED
                && o.status() != ConnectionStatus.UNCHANGED).count();
        WorkflowRun.Outcome overall = failed == 0 ? WorkflowRun.Outcome.SUCCEEDED
                : synced == 0 ? WorkflowRun.Outcome.FAILED : WorkflowRun.Outcome.PARTIAL;
        // The sync's own report step: its record counts the execution by outcome, as the rollouts' do.
        Invocation.current().workflow(new WorkflowRun(Workflow.SYNC_CONNECTOR, overall, 0, 0, 0));
        return new Report(overall, in.connector(), expected == null ? null : List.copyOf(expected.keySet()),
                outcomes, failed);
    }

    private static ConnectionOutcome outcome(JsonNode connection, @Nullable Map<String, String> expected) {
        String id = text(connection, "id");
        String name = text(connection, "name");
        if (connection.get("error") != null && !connection.get("error").isNull()) {
            return new ConnectionOutcome(id, name, ConnectionStatus.FAILED, List.of(), List.of(), List.of(),
                    error(connection.get("error")));
        }
        if (expected == null) {
            return new ConnectionOutcome(id, name, ConnectionStatus.UNCHANGED, List.of(), List.of(), List.of(), null);
        }
        Map<String, String> actual = variables(connection.get("variables"));
        List<String> missing = new ArrayList<>();
        List<String> different = new ArrayList<>();
        expected.forEach((variable, value) -> {
            if (!actual.containsKey(variable)) {
                missing.add(variable);
            } else if (!value.equals(actual.get(variable))) {
                different.add(variable);
            }
        });
        List<String> extra = actual.keySet().stream().filter(v -> !expected.containsKey(v)).toList();
        ConnectionStatus status = !missing.isEmpty() ? ConnectionStatus.MISSING
                : !different.isEmpty() || !extra.isEmpty() ? ConnectionStatus.DIFFERENT : ConnectionStatus.SYNCED;
        return new ConnectionOutcome(id, name, status, missing, different, extra, null);
    }

    /** A connection's variables by name; a variable without a string value counts as having none. */
    private static Map<String, String> variables(@Nullable JsonNode list) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (list != null && list.isArray()) {
            for (JsonNode variable : list.values()) {
                String name = text(variable, "name");
                if (name != null) {
                    variables.put(name, text(variable, "value"));
                }
            }
        }
        return variables;
    }

    /** A Catch's {@code {Error, Cause}}, as the rollout report gives it. */
    private static String error(JsonNode error) {
        String type = text(error, "Error");
        String cause = text(error, "Cause");
        return type == null ? error.coerceStringValue() : type + (cause == null ? "" : ": " + cause);
    }

    private static String text(@Nullable JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value == null || value.isNull() ? null : value.coerceStringValue();
    }
}
