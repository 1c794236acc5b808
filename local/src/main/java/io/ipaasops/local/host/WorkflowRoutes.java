package io.ipaasops.local.host;

import io.ipaasops.core.ErrorResponse;
import io.ipaasops.workflows.Workflow;
import io.ipaasops.local.workflows.LocalEngine;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The local host's workflow routes: {@code POST /workflows/<name>} runs a workflow to the end on the local engine and
 * answers with its outcome; {@code GET /workflows/executions/<execution>} shows one that was started. An execution
 * name (header {@code X-Execution-Name}) is used once, as on Step Functions: a second start answers the first.
 */
final class WorkflowRoutes {

    /** An answer: the status and the JSON body. */
    record Reply(int status, Object body) {
    }

    /** One execution as the host remembers it. */
    @Serdeable
    record Execution(String executionName, String workflow, String status, Object output, String error,
                     String cause, List<Object> alerts) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Argument<Object> ANY = Argument.of(Object.class);

    private final LocalEngine engine;
    private final JsonMapper mapper;
    private final String s3Url;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private volatile Optional<String> missing;

    /** The routes; {@code s3Url} is the S3 stand-in the workflows keep their data in (null: none). */
    WorkflowRoutes(JsonMapper mapper, String s3Url) {
        this.mapper = mapper;
        this.s3Url = s3Url;
        this.engine = new LocalEngine(engineHome(), mapper);
    }

    /** Where the engine is installed: {@code IPAAS_ENGINE_DIR} (or the property), else a cache in the user's home. */
    private static Path engineHome() {
        String configured = System.getProperty("ipaas.engine.dir", System.getenv("IPAAS_ENGINE_DIR"));
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "ipaas-ops", "engine");
    }

    /** Answers {@code method path}, which starts with {@code /workflows/}. */
    Reply answer(String method, String path, byte[] body, String executionName, String hostUrl) {
        String rest = path.substring("/workflows/".length());
        if (rest.startsWith("executions/")) {
            Execution execution = executions.get(rest.substring("executions/".length()));
            return execution == null ? error(404, "not_found", "no execution " + rest.substring(11) + " ran here")
                    : new Reply(200, execution);
        }
        Optional<Workflow> workflow = Workflow.named(rest);
        if (workflow.isEmpty()) {
            return error(404, "not_found", "no workflow " + rest + "; the workflows are release, deploy-fleet,"
                    + " nightly-tests, sync-connector");
        }
        if (!method.equals("POST")) {
            return error(405, "method_not_allowed", path + " takes POST with the workflow's input");
        }
        String name = executionName == null ? workflow.get().id() + "-" + UUID.randomUUID() : executionName;
        if (!NAME.matcher(name).matches()) {
            return error(400, "validation", "X-Execution-Name must be 1 to 80 letters, digits, - or _");
        }
        if (missing == null) {
            // Asked once, on the first workflow run: starting Node costs a process.
            missing = LocalEngine.unavailable();
        }
        if (missing.isPresent()) {
            return error(503, "unavailable", "workflows run on the local engine, which needs Node.js: "
                    + missing.get() + "; every action still works");
        }
        Object input;
        try {
            input = body.length == 0 ? Map.of() : mapper.readValue(body, ANY);
        } catch (IOException e) {
            return error(400, "validation", "the workflow input is not valid JSON");
        }
        Execution started = new Execution(name, workflow.get().id(), "RUNNING", null, null, null, List.of());
        Execution previous = executions.putIfAbsent(name, started);
        if (previous != null) {
            return new Reply(200, previous);
        }
        try {
            LocalEngine.Outcome outcome = engine.run(workflow.get(), input, name, hostUrl, s3Url);
            Execution done = new Execution(name, workflow.get().id(), outcome.status(), outcome.output(),
                    outcome.error(), outcome.cause(), outcome.alerts());
            executions.put(name, done);
            return new Reply(200, done);
        } catch (IOException e) {
            executions.remove(name);
            return error(502, "upstream", "the local workflow engine failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executions.remove(name);
            return error(503, "transient", "interrupted");
        }
    }

    private static Reply error(int status, String type, String message) {
        return new Reply(status, new ErrorResponse(new ErrorResponse.Detail(type, message, List.of())));
    }
}
