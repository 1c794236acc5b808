package io.ipaasops.local.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.core.ErrorResponse;
import io.ipaasops.functions.Actions;
import io.ipaasops.local.workflows.LocalExecutions;
import io.ipaasops.triggers.ExampleEvents;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local function host: every action at the route API Gateway gives it ({@code POST /prismatic/<action>},
 * {@code POST /versori/<action>}), each request turned into an API Gateway v2 event and answered by the same
 * handler code that runs on Lambda. {@code GET /} lists the actions with an example request for each.
 */
public final class LocalHost implements AutoCloseable {

    /** How long one request may run, like a Lambda function's timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(LocalHost.class);
    private static final String JSON = "application/json";

    /** How one request ended, for its log line: the status sent (0 for none) and the error type, if any. */
    private record Outcome(int status, String errorType) {
    }

    private final HttpServer server;
    private final Workers workers;
    private final HostLimits limits;
    private Map<String, ActionFunction<?, ?>> handlers;
    private JsonMapper mapper;
    private Index index;
    private WorkflowRoutes workflows;

    private LocalHost(HttpServer server, Workers workers, HostLimits limits) {
        this.server = server;
        this.workers = workers;
        this.limits = limits;
    }

    /**
     * Binds {@code address} (port 0 for any free port) without serving yet, so that a port in use is reported
     * before the application starts.
     */
    public static LocalHost bind(InetSocketAddress address, HostLimits limits) throws IOException {
        HostLimits.applyToJdkServer();
        HttpServer server = HttpServer.create(address, 0);
        Workers workers = new Workers(limits);
        server.setExecutor(workers);
        return new LocalHost(server, workers, limits);
    }

    /** Starts answering requests with every action's handler on {@code context}, as Lambda would call it. */
    public LocalHost start(ApplicationContext context, Map<String, String> examples) {
        this.handlers = new LinkedHashMap<>();
        Actions.on(context).forEach(h -> handlers.put(h.route(), h));
        this.mapper = context.getBean(JsonMapper.class);
        this.index = new Index(examples);
        LocalExecutions executions = context.getBean(LocalExecutions.class);
        // A push's executions run in the background, their Tasks answered by this host.
        executions.serveOn("http://127.0.0.1:" + server.getAddress().getPort());
        this.workflows = new WorkflowRoutes(executions, mapper);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** The address the host is bound to. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The port the host listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.close();
    }

    private void handle(HttpExchange exchange) {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod();
        // The raw path: percent-encoded, so a crafted path cannot break the log line.
        String path = exchange.getRequestURI().getRawPath();
        Outcome outcome;
        try {
            outcome = answer(exchange, method);
        } catch (IOException e) {
            // The client went away, or did not send its request in time and the server closed the connection.
            outcome = new Outcome(0, null);
        } catch (RuntimeException e) {
            LOG.error("{} {} could not be answered", method, path, e);
            outcome = new Outcome(0, null);
        }
        log(method, path, outcome, (System.nanoTime() - started) / 1_000_000);
        exchange.close();
    }

    private Outcome answer(HttpExchange exchange, String method) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        if (Workers.overloaded()) {
            return error(exchange, 503, Map.of("Retry-After", "1"), "transient", "the local host is busy with "
                    + workers.inFlight() + " requests; retry in a moment");
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/")) {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return error(exchange, 405, Map.of("Allow", "GET, HEAD"), "method_not_allowed",
                        "/ takes GET; the actions take POST at the routes GET / lists");
            }
            return index(exchange);
        }
        if (path.startsWith("/workflows/")) {
            Optional<byte[]> input = method.equals("POST") ? body(exchange) : Optional.of(new byte[0]);
            if (input.isEmpty()) {
                return error(exchange, 413, Map.of("Connection", "close"), "payload_too_large",
                        "the request body is larger than " + limits.maxBody() + " bytes, Lambda's limit");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
            WorkflowRoutes.Reply reply = workflows.answer(method, path, input.get(), headers);
            return send(exchange, reply.status(), Map.of("Content-Type", JSON), json(reply.body()),
                    reply.status() >= 400 ? errorType(new String(json(reply.body()), StandardCharsets.UTF_8)) : null);
        }
        Optional<ActionFunction<?, ?>> action = route(path);
        if (action.isEmpty()) {
            return error(exchange, 404, Map.of(), "not_found", "no action at " + rawPath + "; GET / lists them");
        }
        if (!method.equals("POST")) {
            return error(exchange, 405, Map.of("Allow", "POST"), "method_not_allowed",
                    rawPath + " takes POST, not " + method + "; GET / shows an example");
        }
        Optional<byte[]> body = body(exchange);
        if (body.isEmpty()) {
            return error(exchange, 413, Map.of("Connection", "close"), "payload_too_large",
                    "the request body is larger than " + limits.maxBody() + " bytes, Lambda's limit");
        }
        try {
            return invoke(exchange, action.get(), path, body.get());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed unexpectedly", method, rawPath, e);
            return send(exchange, 500, Map.of("Content-Type", JSON), json(ErrorResponse.internal(e)), "internal");
        }
    }

    private Outcome invoke(HttpExchange exchange, ActionFunction<?, ?> action, String path, byte[] body)
            throws IOException {
        byte[] event = mapper.writeValueAsBytes(event(exchange, path, body));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handlers.get(action.route()).handleRequest(new ByteArrayInputStream(event),
                answer, new LocalLambdaContext(action.name(), TIMEOUT));
        Map<String, Object> response = mapper.readValue(answer.toByteArray(),
                Argument.mapOf(String.class, Object.class));
        Map<String, String> headers = new LinkedHashMap<>();
        if (response.get("headers") instanceof Map<?, ?> h) {
            h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        }
        int status = ((Number) response.get("statusCode")).intValue();
        String text = response.get("body") == null ? "" : String.valueOf(response.get("body"));
        boolean json = headers.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase("Content-Type")
                && e.getValue().startsWith(JSON));
        if (json && !text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        return send(exchange, status, headers, text.getBytes(StandardCharsets.UTF_8),
                status >= 400 && json ? errorType(text) : null);
    }

    private Outcome index(HttpExchange exchange) throws IOException {
        String authority = HostOptions.authority(server.getAddress());
        boolean json = acceptsJson(exchange);
        byte[] body = json ? json(index.json(authority))
                : index.text(authority).getBytes(StandardCharsets.UTF_8);
        return send(exchange, 200, Map.of("Content-Type", json ? JSON : "text/plain; charset=utf-8"), body, null);
    }

    private Outcome error(HttpExchange exchange, int status, Map<String, String> headers, String type,
            String message) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", JSON);
        return send(exchange, status, all, json(new ErrorResponse(new ErrorResponse.Detail(type, message,
                List.of()))), type);
    }

    /** The body, or empty when it is larger than the limit (then nothing past the limit has been read). */
    private Optional<byte[]> body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        // The JDK server has already refused a Content-Length that is not a number.
        if (length != null && Long.parseLong(length.trim()) > limits.maxBody()) {
            return Optional.empty();
        }
        InputStream in = exchange.getRequestBody();
        byte[] bytes = in.readNBytes(limits.maxBody() + 1);
        return bytes.length > limits.maxBody() ? Optional.empty() : Optional.of(bytes);
    }

    private static boolean acceptsJson(HttpExchange exchange) {
        List<String> accept = exchange.getRequestHeaders().get("Accept");
        return accept != null && accept.stream().flatMap(v -> List.of(v.split(",")).stream())
                .map(range -> range.split(";")[0].trim()).anyMatch(JSON::equalsIgnoreCase);
    }

    /** Every JSON answer the host writes itself goes through the mapper and ends with a newline. */
    private byte[] json(Object value) throws IOException {
        byte[] json = mapper.writeValueAsBytes(value);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    private String errorType(String body) {
        try {
            Map<String, Object> json = mapper.readValue(body, Argument.mapOf(String.class, Object.class));
            return json.get("error") instanceof Map<?, ?> error && error.get("type") != null
                    ? String.valueOf(error.get("type")) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Outcome send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body,
            String errorType) throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        if (exchange.getRequestMethod().equals("HEAD")) {
            // The headers GET would send, without the body; the JDK wants the length set by hand for HEAD.
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return new Outcome(status, errorType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
            // Sent now: closing the exchange may first wait for the rest of a body we chose not to read.
            exchange.getResponseBody().flush();
        }
        return new Outcome(status, errorType);
    }

    private static void log(String method, String path, Outcome outcome, long millis) {
        if (outcome.status() == 0) {
            LOG.warn("{} {} no answer: the connection closed before the request was read ({} ms)", method, path,
                    millis);
        } else if (outcome.status() >= 500) {
            LOG.warn("{} {} {} {} ({} ms)", method, path, outcome.status(), outcome.errorType(), millis);
        } else if (outcome.errorType() != null) {
            LOG.info("{} {} {} {} ({} ms)", method, path, outcome.status(), outcome.errorType(), millis);
        } else {
            LOG.info("{} {} {} ({} ms)", method, path, outcome.status(), millis);
        }
    }

    private static Optional<ActionFunction<?, ?>> route(String path) {
        String route = "/" + path.replaceAll("^/+|/+$", "");
        return Actions.all().stream().filter(a -> a.route().equals(route)).findFirst();
    }

    /** The request as API Gateway's HTTP API (payload 2.0) would deliver it: the example event, filled in. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> event(HttpExchange exchange, String path, byte[] body) throws IOException {
        Map<String, Object> event = mapper.readValue(ExampleEvents.API_GATEWAY_V2.json(),
                Argument.mapOf(String.class, Object.class));
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        Map<String, Object> context = (Map<String, Object>) event.get("requestContext");
        context.putAll(Map.of("accountId", "local", "apiId", "local", "domainName", "localhost",
                "requestId", UUID.randomUUID().toString(), "routeKey", "POST " + path,
                "timeEpoch", Instant.now().toEpochMilli()));
        context.remove("domainPrefix");
        context.remove("time");
        context.put("http", Map.of("method", "POST", "path", path, "protocol", exchange.getProtocol(),
                "sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress(),
                "userAgent", headers.getOrDefault("user-agent", "")));
        event.put("routeKey", "POST " + path);
        event.put("rawPath", path);
        event.put("rawQueryString", exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        event.put("headers", headers);
        event.put("body", new String(body, StandardCharsets.UTF_8));
        return event;
    }
}
