package io.ipaasops.local.workflows;

import io.ipaasops.functions.Actions;
import io.ipaasops.workflows.Workflow;
import io.ipaasops.lambda.ActionFunction;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a workflow's definition on this machine with aws-local-stepfunctions (an independent ASL interpreter, on
 * Node), each Task routed to the local function host: the same definition the stack deploys, offline. The engine
 * has no Distributed Map: the runner emulates one, its ItemReader and ResultWriter against {@link LocalS3}.
 */
public final class LocalEngine {

    /** The interpreter's npm package, pinned. */
    public static final String PACKAGE = "aws-local-stepfunctions@3.0.0";
    private static final Duration LONGEST_RUN = Duration.ofMinutes(30);
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    /** How one execution ended: its status, output or error, and the alerts and metrics it would have sent. */
    public record Outcome(String status, Object output, String error, String cause, List<Object> alerts,
                          List<Object> metrics) {

        /** Whether the execution succeeded. */
        public boolean succeeded() {
            return "SUCCEEDED".equals(status);
        }
    }

    private final Path home;
    private final JsonMapper mapper;
    private final String s3Url;

    /** An engine installed (on first use) under {@code home}, with no S3 stand-in (no Distributed Map can run). */
    public LocalEngine(Path home, JsonMapper mapper) {
        this(home, mapper, null);
    }

    /**
     * An engine installed (on first use) under {@code home}, whose Distributed Maps read their items and write their
     * results in the S3 stand-in at {@code s3Url} ({@link LocalS3}), where the functions keep a rollout's data.
     */
    public LocalEngine(Path home, JsonMapper mapper, String s3Url) {
        this.home = home;
        this.mapper = mapper;
        this.s3Url = s3Url;
    }

    /** Why the engine cannot run here, if it cannot: Node is not on the PATH. */
    public static Optional<String> unavailable() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node.getInputStream().readAllBytes();
            return node.waitFor(10, TimeUnit.SECONDS) && node.exitValue() == 0 ? Optional.empty()
                    : Optional.of("node --version failed");
        } catch (IOException e) {
            return Optional.of("Node.js is not installed (the local workflow engine runs on it)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /** Runs {@code workflow} on {@code input} as execution {@code name}, its Tasks answered by the host at {@code hostUrl}. */
    public Outcome run(Workflow workflow, Object input, String name, String hostUrl) throws IOException,
            InterruptedException {
        return run(workflow, input, name, hostUrl, null);
    }

    /**
     * Runs {@code workflow} as {@link #run(Workflow, Object, String, String)} does, signing each Task's request to
     * the host with {@code signingSecret} when the host requires signed requests (null: it does not).
     */
    public Outcome run(Workflow workflow, Object input, String name, String hostUrl, String signingSecret)
            throws IOException, InterruptedException {
        Path engine = install();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("engine", engine.resolve("node_modules/aws-local-stepfunctions/build/main.node.esm.js").toString());
        request.put("definition", substitute(workflow));
        request.put("input", input);
        request.put("executionName", name);
        request.put("workflow", "ipaas-ops-" + workflow.id());
        request.put("hostUrl", hostUrl);
        if (s3Url != null) {
            request.put("s3Url", s3Url);
        }
        if (signingSecret != null) {
            // On stdin, never in the arguments or the environment, which other processes may read.
            request.put("signingSecret", signingSecret);
        }
        Process node = new ProcessBuilder("node", engine.resolve("run-workflow.mjs").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        node.getOutputStream().write(mapper.writeValueAsBytes(request));
        node.getOutputStream().close();
        byte[] out = node.getInputStream().readAllBytes();
        if (!node.waitFor(LONGEST_RUN.toMinutes(), TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new IOException("the local workflow engine did not end within " + LONGEST_RUN.toMinutes() + " min");
        }
        if (out.length == 0) {
            throw new IOException("the local workflow engine gave no answer (exit " + node.exitValue() + ")");
        }
        Map<String, Object> result = mapper.readValue(out, OBJECT);
        return new Outcome(String.valueOf(result.get("status")), result.get("output"), (String) result.get("error"),
                (String) result.get("cause"), list(result.get("alerts")), list(result.get("metrics")));
    }

    /** The definition with each action's placeholder made its local route. */
    static String substitute(Workflow workflow) {
        String definition = workflow.definition();
        for (ActionFunction<?, ?> action : Actions.all()) {
            definition = definition.replace("${" + Workflow.placeholder(action) + "}",
                    "local:action:" + action.platform().route() + "/" + action.name());
        }
        definition = definition.replace("${AlertTopic}", "arn:aws:sns:local:000000000000:ipaas-ops-alerts");
        definition = definition.replace("${WorkflowBucket}", LocalS3.BUCKET);
        // An action this build does not have fails its Task with a clear error, not the whole definition.
        return definition.replaceAll("\\$\\{([A-Za-z0-9]+)}", "local:missing:$1");
    }

    /** Installs the interpreter and the runner under {@code home} unless they are there already. */
    private Path install() throws IOException, InterruptedException {
        Files.createDirectories(home);
        try (InputStream runner = LocalEngine.class.getResourceAsStream("/io/ipaasops/local/engine/run-workflow.mjs")) {
            Files.write(home.resolve("run-workflow.mjs"), runner.readAllBytes());
        }
        if (!Files.isDirectory(home.resolve("node_modules/aws-local-stepfunctions"))) {
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                    "--prefix", home.toString(), PACKAGE).redirectErrorStream(true).start();
            String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IOException("npm install " + PACKAGE + " failed: " + log.strip());
            }
        }
        return home;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? (List<Object>) l : List.of();
    }
}
