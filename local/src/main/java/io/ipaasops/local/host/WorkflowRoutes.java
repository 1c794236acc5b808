package io.ipaasops.local.host;

import io.ipaasops.core.ErrorResponse;
import io.ipaasops.local.workflows.LocalExecutions;
import io.ipaasops.workflows.Workflow;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The local host's workflow routes: {@code POST /workflows/<name>} runs a workflow to the end on the local engine and
 * answers with its outcome; {@code GET /workflows/executions/<execution>} shows one that was started, here or by a
 * push. An execution name (header {@code X-Execution-Name}) is used once, as on Step Functions: a second start
 * answers the first. Where the host requires signed requests, starting a workflow does too (it runs changes);
 * reading an execution does not.
 */
final class WorkflowRoutes {

    /** An answer: the status and the JSON body. */
    record Reply(int status, Object body) {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Argument<Object> ANY = Argument.of(Object.class);

    private final LocalExecutions executions;
    private final JsonMapper mapper;

    WorkflowRoutes(LocalExecutions executions, JsonMapper mapper) {
        this.executions = executions;
        this.mapper = mapper;
    }

    /** Answers {@code method path}, which starts with {@code /workflows/}. */
    Reply answer(String method, String path, byte[] body, Map<String, String> headers) {
        String executionName = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("X-Execution-Name"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        String rest = path.substring("/workflows/".length());
        if (rest.startsWith("executions/")) {
            String name = rest.substring("executions/".length());
            return executions.find(name).map(e -> new Reply(200, e))
                    .orElseGet(() -> error(404, "not_found", "no execution " + name + " ran here"));
        }
        Optional<Workflow> workflow = Workflow.named(rest);
        if (workflow.isEmpty()) {
            return error(404, "not_found", "no workflow " + rest + "; the workflows are release, deploy-fleet,"
                    + " nightly-tests, sync-connector");
        }
        if (!method.equals("POST")) {
            return error(405, "method_not_allowed", path + " takes POST with the workflow's input");
        }
        Optional<String> refusal = executions.refusal(body, headers);
        if (refusal.isPresent()) {
            return error(401, "unauthorized", refusal.get());
        }
        String name = executionName == null ? workflow.get().id() + "-" + UUID.randomUUID() : executionName;
        if (!NAME.matcher(name).matches()) {
            return error(400, "validation", "X-Execution-Name must be 1 to 80 letters, digits, - or _");
        }
        Optional<String> missing = executions.unavailable();
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
        try {
            return new Reply(200, executions.run(workflow.get(), name, input));
        } catch (LocalExecutions.NotStarted e) {
            return error(503, "unavailable", e.getMessage());
        } catch (IOException e) {
            return error(502, "upstream", "the local workflow engine failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "transient", "interrupted");
        }
    }

    private static Reply error(int status, String type, String message) {
        return new Reply(status, new ErrorResponse(new ErrorResponse.Detail(type, message, List.of())));
    }
}
