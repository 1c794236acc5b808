package io.ipaasops.functions.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.core.Deadline;
import io.ipaasops.functions.Actions;
import io.ipaasops.triggers.EventAdapter;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The local function host: every action at the route API Gateway gives it ({@code POST /prismatic/<action>},
 * {@code POST /versori/<action>}), each request turned into an API Gateway v2 event and answered by the same
 * handler code that runs on Lambda. {@code GET /} lists the actions with an example request for each.
 */
public final class LocalHost implements AutoCloseable {

    /** How long one request may run, like a Lambda function's timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpServer server;
    private final EventAdapter adapter;
    private final JsonMapper mapper;
    private final Map<String, String> examples;

    private LocalHost(HttpServer server, EventAdapter adapter, JsonMapper mapper, Map<String, String> examples) {
        this.server = server;
        this.adapter = adapter;
        this.mapper = mapper;
        this.examples = examples;
    }

    /** Starts serving on {@code port} (0 for any free port) on all interfaces. */
    public static LocalHost start(int port, EventAdapter adapter, JsonMapper mapper, Map<String, String> examples)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        LocalHost host = new LocalHost(server, adapter, mapper, examples);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "host");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", host::handle);
        server.start();
        return host;
    }

    /** The port the host listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/") && method.equals("GET")) {
                send(exchange, 200, Map.of("Content-Type", "application/json"), mapper.writeValueAsBytes(index()));
                return;
            }
            Optional<ActionFunction<?, ?>> action = route(path);
            if (action.isEmpty() || !method.equals("POST")) {
                send(exchange, action.isEmpty() ? 404 : 405, Map.of("Content-Type", "application/json"),
                        ("{\"error\":{\"type\":\"not_found\",\"message\":\"no action at " + method + " " + path
                                + "; GET / lists them\",\"fields\":[]}}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] event = mapper.writeValueAsBytes(event(exchange, path));
            byte[] answer = adapter.handle(action.get(), event, Deadline.in(TIMEOUT));
            Map<String, Object> response = mapper.readValue(answer, Argument.mapOf(String.class, Object.class));
            Map<String, String> headers = new LinkedHashMap<>();
            if (response.get("headers") instanceof Map<?, ?> h) {
                h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
            }
            send(exchange, ((Number) response.get("statusCode")).intValue(), headers,
                    String.valueOf(response.get("body")).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Optional<ActionFunction<?, ?>> route(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        if (parts.length != 2) {
            return Optional.empty();
        }
        return Actions.named(parts[1]).filter(a -> a.platform().route().equals(parts[0]));
    }

    /** The request as API Gateway's HTTP API (payload 2.0) would deliver it. */
    private static Map<String, Object> event(HttpExchange exchange, String path) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, Object> http = Map.of("method", "POST", "path", path, "protocol", exchange.getProtocol(),
                "sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress(),
                "userAgent", headers.getOrDefault("user-agent", ""));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", "local");
        context.put("apiId", "local");
        context.put("domainName", "localhost");
        context.put("http", http);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "POST " + path);
        context.put("stage", "$default");
        context.put("timeEpoch", Instant.now().toEpochMilli());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "POST " + path);
        event.put("rawPath", path);
        event.put("rawQueryString", exchange.getRequestURI().getRawQuery() == null ? ""
                : exchange.getRequestURI().getRawQuery());
        event.put("headers", headers);
        event.put("requestContext", context);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    private Map<String, Object> index() {
        List<Object> actions = new ArrayList<>();
        for (ActionFunction<?, ?> action : Actions.all()) {
            String route = "/" + action.platform().route() + "/" + action.name();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("action", action.name());
            entry.put("route", "POST " + route);
            entry.put("handler", action.getClass().getName());
            entry.put("changes", action.effect() == ActionFunction.Effect.WRITE);
            String example = examples.getOrDefault(action.name(), "{}");
            entry.put("example", "curl -s -X POST localhost:" + port() + route + " -H 'Content-Type: application/json'"
                    + " -d '" + example + "'");
            actions.add(entry);
        }
        return Map.of("actions", actions);
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
