package io.ipaasops.functions.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-process stub of the AWS Lambda Runtime API (version 2018-06-01) for driving a real runtime client in a
 * separate JVM. It serves
 * <ul>
 *   <li>{@code GET  /2018-06-01/runtime/invocation/next} (long poll until {@link #invoke} queues an event),</li>
 *   <li>{@code POST /2018-06-01/runtime/invocation/{id}/response},</li>
 *   <li>{@code POST /2018-06-01/runtime/invocation/{id}/error},</li>
 *   <li>{@code POST /2018-06-01/runtime/init/error}.</li>
 * </ul>
 * Every exchange runs on its own thread, so a parked long poll never blocks a response post. Thread-safe.
 */
public final class RuntimeApiStub implements AutoCloseable {

    /** Default ARN sent in {@code Lambda-Runtime-Invoked-Function-Arn}. */
    public static final String DEFAULT_FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:ipaas-ops-test";

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final byte[] ACCEPTED = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    /**
     * What the runtime client posted for one invocation (or for an init error).
     *
     * @param requestId    the request id, or {@code null} for an init error
     * @param error        true if posted to {@code .../error} or {@code init/error}
     * @param body         the posted body (UTF-8)
     * @param headers      request headers of the post, names in lower case
     *                     (e.g. {@code lambda-runtime-function-error-type})
     * @param postedNanos  {@link System#nanoTime()} when the post arrived
     * @param traceHeader  the {@code Lambda-Runtime-Trace-Id} the event was delivered with (null for an init error)
     */
    public record Invocation(String requestId, boolean error, String body, Map<String, String> headers,
                             long postedNanos, String traceHeader) {

        /** The header value (case-insensitive name), or {@code null}. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private record Event(String requestId, String body, long deadlineEpochMs, String traceHeader) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String functionArn;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Invocation>> pending = new ConcurrentHashMap<>();
    private final Map<String, String> delivered = new ConcurrentHashMap<>();
    private final AtomicReference<Invocation> initError = new AtomicReference<>();
    private final AtomicReference<String> abortReason = new AtomicReference<>();
    private final CountDownLatch firstPoll = new CountDownLatch(1);
    private volatile long firstPollNanos;
    private volatile boolean closed;

    private RuntimeApiStub(String functionArn) throws IOException {
        this.functionArn = functionArn;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api-stub");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** Starts a stub on {@code 127.0.0.1} and an ephemeral port, with {@link #DEFAULT_FUNCTION_ARN}. */
    public static RuntimeApiStub start() throws IOException {
        return start(DEFAULT_FUNCTION_ARN);
    }

    /** Starts a stub on {@code 127.0.0.1} and an ephemeral port that reports the given function ARN. */
    public static RuntimeApiStub start(String functionArn) throws IOException {
        return new RuntimeApiStub(functionArn);
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}: {@code 127.0.0.1:<port>}. */
    public String address() {
        InetSocketAddress a = server.getAddress();
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    /**
     * Queues one event, waits for the runtime client to post its response or error, and returns what it posted.
     * The deadline header is {@code now + timeout}.
     *
     * @throws TimeoutException      if nothing was posted within {@code timeout}
     * @throws IllegalStateException if the runtime reported an init error or the stub was {@linkplain #abort aborted}
     */
    public Invocation invoke(String eventJson, Duration timeout) throws TimeoutException, InterruptedException {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<Invocation> result = new CompletableFuture<>();
        pending.put(requestId, result);
        try {
            failIfBroken(); // after put(): a concurrent abort either sees this future or we see its reason
            queue.add(new Event(requestId, eventJson, System.currentTimeMillis() + timeout.toMillis(), traceId()));
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new TimeoutException("No response for request " + requestId + " within " + timeout);
        } finally {
            pending.remove(requestId);
            queue.removeIf(ev -> ev.requestId().equals(requestId)); // never delivered: do not deliver it later
        }
    }

    /**
     * Waits until the runtime client has finished init and polled {@code /invocation/next} once.
     *
     * @throws IllegalStateException if it posted an init error (with its body) or the stub was aborted
     * @throws TimeoutException      if it did not poll within {@code timeout}
     */
    public void awaitFirstPoll(Duration timeout) throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!firstPoll.await(50, TimeUnit.MILLISECONDS)) {
            failIfBroken();
            if (System.nanoTime() > end) {
                throw new TimeoutException("Runtime client did not call /invocation/next within " + timeout);
            }
        }
    }

    /** {@link System#nanoTime()} of the first {@code /invocation/next} call, or 0 if none yet. */
    public long firstPollNanos() {
        return firstPollNanos;
    }

    /** The init error posted by the runtime client, if any. */
    public Optional<Invocation> initError() {
        return Optional.ofNullable(initError.get());
    }

    /**
     * Fails every waiting and future {@link #invoke} (and {@link #awaitFirstPoll}) with the given reason; use it
     * when the runtime process exits, so tests fail fast instead of timing out.
     */
    public void abort(String reason) {
        abortReason.compareAndSet(null, reason);
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException(reason)));
    }

    /** Stops the server at once; parked long polls get a 500, which makes the runtime client exit. */
    @Override
    public void close() {
        closed = true;
        abort("Runtime API stub closed");
        server.stop(0);
        executor.shutdownNow();
    }

    private void failIfBroken() {
        Invocation init = initError.get();
        if (init != null) {
            throw new IllegalStateException("Runtime client reported an init error ("
                    + init.header("Lambda-Runtime-Function-Error-Type") + "): " + init.body());
        }
        String reason = abortReason.get();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            String[] parts = path.split("/");
            if ("GET".equals(method) && path.equals("invocation/next")) {
                next(exchange);
            } else if ("POST".equals(method) && path.equals("init/error")) {
                Invocation posted = read(exchange, null, true);
                initError.compareAndSet(null, posted);
                abort("Runtime client reported an init error ("
                        + posted.header("Lambda-Runtime-Function-Error-Type") + "): " + posted.body());
                send(exchange, 202, ACCEPTED);
            } else if ("POST".equals(method) && parts.length == 3 && parts[0].equals("invocation")
                    && (parts[2].equals("response") || parts[2].equals("error"))) {
                Invocation posted = read(exchange, parts[1], parts[2].equals("error"));
                if (!delivered.containsKey(parts[1])) {
                    send(exchange, 400, json("InvalidRequestID", "Unknown request id " + parts[1]));
                    return;
                }
                // A late post (its invoke() already timed out) is accepted and dropped: a 4xx would make the
                // runtime client treat the post itself as failed and exit.
                CompletableFuture<Invocation> waiting = pending.get(parts[1]);
                if (waiting != null) {
                    waiting.complete(posted);
                }
                send(exchange, 202, ACCEPTED);
            } else {
                send(exchange, 404, json("NotFound", method + " " + exchange.getRequestURI()));
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        if (firstPoll.getCount() > 0) {
            firstPollNanos = System.nanoTime();
            firstPoll.countDown();
        }
        Event event = null;
        try {
            while (event == null && !closed) {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (event == null) {
            send(exchange, 500, json("ServiceUnavailable", "Runtime API stub closed"));
            return;
        }
        delivered.put(event.requestId(), event.traceHeader());
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", "application/json");
        h.set("Lambda-Runtime-Aws-Request-Id", event.requestId());
        h.set("Lambda-Runtime-Deadline-Ms", Long.toString(event.deadlineEpochMs()));
        h.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        h.set("Lambda-Runtime-Trace-Id", event.traceHeader());
        send(exchange, 200, event.body().getBytes(StandardCharsets.UTF_8));
    }

    private Invocation read(HttpExchange exchange, String requestId, boolean error) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return new Invocation(requestId, error, body, Collections.unmodifiableMap(headers), System.nanoTime(),
                requestId == null ? null : delivered.get(requestId));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static byte[] json(String type, String message) {
        return ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\"", "'") + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A trace header as Lambda passes it: a fresh X-Ray root, the function's segment as parent, sampled. */
    private static String traceId() {
        String hex = UUID.randomUUID().toString().replace("-", "");
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + hex.substring(0, 24)
                + ";Parent=" + hex.substring(16, 32) + ";Sampled=1";
    }
}
