package io.ipaasops.local.workflows;

import io.ipaasops.credentials.CredentialsProvider;
import io.ipaasops.credentials.WebhookSecrets;
import io.ipaasops.triggers.WebhookSignature;
import io.ipaasops.workflows.Workflow;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local host's workflow executions, as Step Functions keeps them: one per name, run on the local engine either
 * to the end for the caller ({@link #run}) or in the background ({@link #start}, what a push does), and shown by
 * name afterwards. Background runs share a small pool, so a burst of pushes queues instead of starting a thread
 * (and a Node process) each.
 */
@Singleton
public final class LocalExecutions implements AutoCloseable {

    /** Workflows that run in the background at once; each is one Node process calling back into the host. */
    static final int BACKGROUND_RUNS = 2;
    /** Background runs that may wait for one of those; past this a push is refused until one ends. */
    static final int WAITING_RUNS = 32;

    private static final Logger LOG = LoggerFactory.getLogger(LocalExecutions.class);

    /**
     * One execution: {@code RUNNING} until it ends, then {@code SUCCEEDED} with its output or {@code FAILED} with
     * the error and cause, and the alerts it would have published.
     */
    @Serdeable
    public record Execution(String executionName, String workflow, String status, @Nullable Object output,
                            @Nullable String error, @Nullable String cause, List<Object> alerts) {

        static Execution running(String name, Workflow workflow) {
            return new Execution(name, workflow.id(), "RUNNING", null, null, null, List.of());
        }

        static Execution ended(String name, Workflow workflow, LocalEngine.Outcome outcome) {
            return new Execution(name, workflow.id(), outcome.status(), outcome.output(), outcome.error(),
                    outcome.cause(), outcome.alerts());
        }
    }

    /** Why an execution could not be started here; nothing was. */
    public static final class NotStarted extends Exception {

        NotStarted(String message) {
            super(message);
        }
    }

    /** What {@link #start} did: the execution, and whether an earlier start under its name had begun it. */
    public record Started(Execution execution, boolean alreadyStarted) {
    }

    private final LocalEngine engine;
    private final WebhookSignature signature;
    private final CredentialsProvider<WebhookSecrets> secrets;
    private final boolean signed;
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor background;
    private volatile Optional<String> missing;
    private volatile String hostUrl;

    /**
     * Creates the executions, with the engine installed (on first use) under {@code IPAAS_ENGINE_DIR}; where the
     * host requires signed requests, the engine signs its Tasks' with the first webhook secret.
     */
    public LocalExecutions(JsonMapper mapper, CredentialsProvider<WebhookSecrets> secrets,
                           @Property(name = "ipaas.webhook.verify", defaultValue = "true") boolean signed,
                           @Nullable @Property(name = "ipaas.s3.endpoint") String s3Url, Clock clock) {
        // The same check and clock as the webhook trigger's, so a start is refused exactly where a push would be.
        this.signature = new WebhookSignature(clock, WebhookSignature.DEFAULT_TOLERANCE);
        // The S3 stand-in the functions keep a rollout's data in (the launcher's LocalS3) serves the engine's maps too.
        this.engine = new LocalEngine(engineHome(), mapper, s3Url);
        this.secrets = secrets;
        this.signed = signed;
        AtomicInteger count = new AtomicInteger();
        this.background = new ThreadPoolExecutor(BACKGROUND_RUNS, BACKGROUND_RUNS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WAITING_RUNS), r -> {
                    Thread t = new Thread(r, "workflow-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        background.allowCoreThreadTimeOut(true);
    }

    /** Where the engine is installed: {@code IPAAS_ENGINE_DIR} (or the property), else a cache in the user's home. */
    private static Path engineHome() {
        String configured = System.getProperty("ipaas.engine.dir", System.getenv("IPAAS_ENGINE_DIR"));
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "ipaas-ops", "engine");
    }

    /** Routes the executions' Tasks to the local host at {@code url}; until then nothing can run. */
    public void serveOn(String url) {
        this.hostUrl = url;
    }

    /** Why workflows cannot run here, if they cannot: Node.js is absent (asked once, it costs a process). */
    public Optional<String> unavailable() {
        Optional<String> known = missing;
        if (known == null) {
            known = LocalEngine.unavailable();
            missing = known;
        }
        return known;
    }

    /**
     * Why a request to start a workflow must be refused, if it must: where the host requires signed requests, a
     * start runs changes as a push does, so it needs a valid signature too.
     */
    public Optional<String> refusal(byte[] body, Map<String, String> headers) {
        if (!signed) {
            return Optional.empty();
        }
        try {
            signature.verify(body, headers, secrets.get().secrets());
            return Optional.empty();
        } catch (WebhookSignature.Invalid e) {
            return Optional.of("invalid webhook signature: " + e.getMessage());
        }
    }

    /** The execution called {@code name}, if one was started here. */
    public Optional<Execution> find(String name) {
        return Optional.ofNullable(executions.get(name));
    }

    /**
     * Runs {@code workflow} as execution {@code name} to the end and answers it; a name already used answers that
     * execution, as it stands, and runs nothing.
     *
     * @throws IOException when the engine itself failed (the execution is forgotten, so the name may be used again)
     */
    public Execution run(Workflow workflow, String name, Object input) throws NotStarted, IOException,
            InterruptedException {
        String url = ready();
        Execution previous = executions.putIfAbsent(name, Execution.running(name, workflow));
        if (previous != null) {
            return previous;
        }
        try {
            Execution done = Execution.ended(name, workflow, engine.run(workflow, input, name, url, signingSecret()));
            executions.put(name, done);
            return done;
        } catch (IOException | InterruptedException | RuntimeException e) {
            executions.remove(name);
            throw e;
        }
    }

    /**
     * Starts {@code workflow} as execution {@code name} in the background and answers at once, {@code RUNNING}; a
     * name already used answers that execution and starts nothing.
     */
    public Started start(Workflow workflow, String name, Object input) throws NotStarted {
        String url = ready();
        Execution running = Execution.running(name, workflow);
        Execution previous = executions.putIfAbsent(name, running);
        if (previous != null) {
            return new Started(previous, true);
        }
        try {
            background.execute(() -> runInBackground(workflow, name, input, url));
        } catch (RejectedExecutionException e) {
            executions.remove(name, running);
            throw new NotStarted("the local engine is already running " + BACKGROUND_RUNS + " workflows with "
                    + background.getQueue().size() + " more waiting");
        }
        return new Started(running, false);
    }

    private void runInBackground(Workflow workflow, String name, Object input, String url) {
        Execution done;
        try {
            done = Execution.ended(name, workflow, engine.run(workflow, input, name, url, signingSecret()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("workflow execution {} could not run on the local engine: {}", name, e.getMessage());
            // Step Functions reports its own failures as States.* errors; the local engine's is its own kind.
            done = new Execution(name, workflow.id(), "FAILED", null, "Local.EngineFailed",
                    "the local workflow engine failed: " + e.getMessage(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = new Execution(name, workflow.id(), "ABORTED", null, "Local.Stopped",
                    "the local host stopped while the execution ran", List.of());
        }
        executions.put(name, done);
        LOG.info("workflow execution {} {}", name, done.status());
    }

    /** The secret the engine signs with, or null when the host takes unsigned requests. */
    private String signingSecret() {
        return signed ? secrets.get().secrets().stream().findFirst().orElse(null) : null;
    }

    private String ready() throws NotStarted {
        Optional<String> why = unavailable();
        if (why.isPresent()) {
            throw new NotStarted("workflows run on the local engine, which needs Node.js: " + why.get()
                    + "; every action still works");
        }
        String url = hostUrl;
        if (url == null) {
            throw new NotStarted("workflows run on the local function host: start it with `serve`");
        }
        return url;
    }

    @Override
    @PreDestroy
    public void close() {
        background.shutdownNow();
    }
}
