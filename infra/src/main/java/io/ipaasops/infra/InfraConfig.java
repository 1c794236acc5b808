package io.ipaasops.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The deployment choices that are not code: memory and timeout per action, which actions are queue-driven, the
 * schedules with their inputs, API throttling, and what GitHub pushes start. Read from {@code infra/ipaas-ops.json}.
 *
 * @param defaultMemoryMb      memory of an action without its own entry
 * @param defaultTimeoutSeconds timeout of an action without its own entry
 * @param functions            per-action overrides: action name to {@code {memoryMb, timeoutSeconds}}
 * @param queues               actions fed by an SQS queue
 * @param schedules            EventBridge schedules
 * @param rateLimit            API requests per second, steady state
 * @param burstLimit           API burst
 * @param releases             the push webhook's release watches, as compact JSON ({@code IPAAS_RELEASES})
 * @param connectorSyncs       its connector-sync watches, as compact JSON ({@code IPAAS_CONNECTOR_SYNCS})
 * @param alertEmail           where workflow alerts are e-mailed (an SNS subscription), or null
 */
public record InfraConfig(int defaultMemoryMb, int defaultTimeoutSeconds, Map<String, JsonNode> functions,
                          List<String> queues, List<Schedule> schedules, double rateLimit, int burstLimit,
                          String releases, String connectorSyncs, String alertEmail) {

    /** What every release watch must name (the webhook checks the rest when it reads them). */
    static final List<String> RELEASE_FIELDS = List.of("repository", "branch", "path", "integrationId");
    /** What every connector-sync watch must name. */
    static final List<String> CONNECTOR_SYNC_FIELDS = List.of("repository", "branch", "path", "connectorId");

    /**
     * One schedule: run {@code action} or start {@code workflow} with {@code input} on {@code expression}
     * ({@code rate(...)} or {@code cron(...)}); exactly one of the two is set.
     *
     * @param name       the rule's construct id
     * @param action     the action to run, or null
     * @param workflow   the workflow to start, or null
     * @param expression the EventBridge schedule expression
     * @param input      the input, a JSON object
     */
    public record Schedule(String name, String action, String workflow, String expression,
                           Map<String, Object> input) {
    }

    /** Reads the config file. */
    public static InfraConfig read(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            List<Schedule> schedules = new ArrayList<>();
            ObjectMapper mapper = new ObjectMapper();
            for (JsonNode s : root.path("schedules")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> input = mapper.convertValue(s.get("input"), Map.class);
                schedules.add(new Schedule(s.get("name").asText(), s.hasNonNull("action") ? s.get("action").asText()
                        : null, s.hasNonNull("workflow") ? s.get("workflow").asText() : null,
                        s.get("schedule").asText(), input == null ? Map.of() : input));
            }
            List<String> queues = new ArrayList<>();
            root.path("queues").forEach(q -> queues.add(q.asText()));
            Map<String, JsonNode> functions = new java.util.LinkedHashMap<>();
            root.path("functions").fields().forEachRemaining(e -> functions.put(e.getKey(), e.getValue()));
            return new InfraConfig(root.path("defaults").path("memoryMb").asInt(1024),
                    root.path("defaults").path("timeoutSeconds").asInt(30), functions, queues, schedules,
                    root.path("api").path("rateLimit").asDouble(50), root.path("api").path("burstLimit").asInt(100),
                    watches(root, "releases", RELEASE_FIELDS), watches(root, "connectorSyncs", CONNECTOR_SYNC_FIELDS),
                    root.path("alerts").path("email").isTextual() ? root.path("alerts").path("email").asText() : null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The watch list {@code key} as compact JSON ({@code []} when absent), each entry naming {@code fields}. */
    private static String watches(JsonNode root, String key, List<String> fields) {
        JsonNode list = root.path(key);
        if (list.isMissingNode() || list.isNull()) {
            return "[]";
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(key + " must be a JSON array");
        }
        for (int i = 0; i < list.size(); i++) {
            for (String field : fields) {
                if (!list.get(i).path(field).isTextual() || list.get(i).path(field).asText().isBlank()) {
                    throw new IllegalArgumentException(key + "[" + i + "]." + field + " is required");
                }
            }
        }
        return list.toString();
    }

    /** The memory of {@code action} in MB. */
    public int memoryMb(String action) {
        JsonNode own = functions.get(action);
        return own != null && own.has("memoryMb") ? own.get("memoryMb").asInt() : defaultMemoryMb;
    }

    /** The timeout of {@code action} in seconds. */
    public int timeoutSeconds(String action) {
        JsonNode own = functions.get(action);
        return own != null && own.has("timeoutSeconds") ? own.get("timeoutSeconds").asInt() : defaultTimeoutSeconds;
    }
}
