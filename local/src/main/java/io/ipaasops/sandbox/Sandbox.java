package io.ipaasops.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;

/**
 * The built-in sandbox: an in-memory Prismatic ({@code /prismatic/auth/refresh}, {@code /prismatic/api}) and
 * Versori connect API v1 ({@code /versori/api/connect/v1}) on one loopback HTTP server, speaking the real wire
 * protocols, with optional latency and fault injection.
 *
 * <p>Like DynamoDB Local for AWS: start it, point the clients at {@link #properties()}, and everything runs offline.</p>
 */
public final class Sandbox implements AutoCloseable {

    /** The platforms the sandbox stands in for; GitHub's actions always talk to GitHub (public repositories). */
    public static final java.util.Set<io.ipaasops.core.Platform> PLATFORMS = java.util.EnumSet.of(
            io.ipaasops.core.Platform.PRISMATIC, io.ipaasops.core.Platform.VERSORI);

    /** The refresh token the sandbox accepts. */
    public static final String REFRESH_TOKEN = "sandbox-refresh-token";
    /** The Versori API key the sandbox accepts. */
    public static final String API_KEY = "sandbox-versori-api-key";

    /**
     * Fault and latency injection, off by default.
     *
     * @param latency       added to every request
     * @param errorRate     share of requests answered 503 (0 to 1)
     * @param rateLimitRate share of requests answered 429 with {@code Retry-After: 1} (0 to 1)
     * @param seed          seed of the random draws, for repeatable runs
     */
    public record Faults(Duration latency, double errorRate, double rateLimitRate, long seed) {

        /** No faults and no added latency. */
        public static final Faults NONE = new Faults(Duration.ZERO, 0, 0, 1);
    }

    private final HttpServer server;
    private final Faults faults;
    private final Random random;
    private final Clock clock;
    private JsonMapper mapper;
    private PrismaticSandbox prismatic;
    private VersoriSandbox versori;
    private final java.util.Set<String> issuedTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Sandbox(HttpServer server, Faults faults, Clock clock) {
        this.server = server;
        this.faults = faults;
        this.random = new Random(faults.seed());
        this.clock = clock;
    }

    /** Binds the sandbox to a free loopback port (or {@code port}); {@link #start} begins serving. */
    public static Sandbox bind(int port, Faults faults, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        return new Sandbox(server, faults, clock);
    }

    /** The configuration that points ipaas-ops at this sandbox. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("prismatic.url", url() + "/prismatic");
        properties.put("prism.refresh-token", REFRESH_TOKEN);
        properties.put("versori.url", url() + "/versori/api/connect/v1");
        properties.put("versori.api-key", API_KEY);
        properties.put("versori.organisation-id", VersoriSandbox.ORG);
        return properties;
    }

    /** The sandbox's base URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Seeds the data and starts serving. */
    public Sandbox start(JsonMapper jsonMapper) {
        this.mapper = jsonMapper;
        this.prismatic = new PrismaticSandbox(clock, url() + "/prismatic");
        this.versori = new VersoriSandbox(clock);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "sandbox");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/prismatic/", this::prismatic);
        server.createContext("/versori/api/connect/v1/", this::versori);
        server.start();
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void prismatic(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (injectFault(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, Object> body = readBody(exchange);
            if (path.equals("/prismatic/auth/refresh") && exchange.getRequestMethod().equals("POST")) {
                if (!REFRESH_TOKEN.equals(body.get("refresh_token"))) {
                    send(exchange, 401, Map.of("error", "invalid refresh token"));
                    return;
                }
                String token = AccessTokens.issue(clock.instant().plus(Duration.ofHours(1)));
                issuedTokens.add(token);
                send(exchange, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", 3600));
            } else if (path.equals("/prismatic/api") && exchange.getRequestMethod().equals("POST")) {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                if (auth == null || !issuedTokens.contains(auth.replaceFirst("^Bearer ", ""))) {
                    send(exchange, 401, Map.of("errors", java.util.List.of(Map.of("message", "Unauthorized"))));
                    return;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> variables = (Map<String, Object>) body.get("variables");
                send(exchange, 200, prismatic.execute(String.valueOf(body.get("query")), variables));
            } else {
                send(exchange, 404, Map.of("errors", java.util.List.of(Map.of("message", "Not found: " + path))));
            }
        }
    }

    private void versori(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (injectFault(exchange)) {
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + API_KEY).equals(auth)) {
                send(exchange, 401, Map.of("code", "401000", "message", "invalid API key"));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring("/versori/api/connect/v1".length());
            VersoriSandbox.Reply reply = versori.handle(exchange.getRequestMethod(), path,
                    query(exchange.getRequestURI().getRawQuery()), readBody(exchange));
            send(exchange, reply.status(), reply.body());
        }
    }

    private boolean injectFault(HttpExchange exchange) throws IOException {
        if (!faults.latency().isZero()) {
            try {
                Thread.sleep(faults.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        double draw;
        synchronized (random) {
            draw = random.nextDouble();
        }
        if (draw < faults.rateLimitRate()) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            send(exchange, 429, Map.of("code", "429000", "message", "rate limited (sandbox fault injection)"));
            return true;
        }
        if (draw < faults.rateLimitRate() + faults.errorRate()) {
            send(exchange, 503, Map.of("code", "503000", "message", "unavailable (sandbox fault injection)"));
            return true;
        }
        return false;
    }

    private Map<String, Object> readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return Map.of();
        }
        try {
            Map<String, Object> body = mapper.readValue(bytes, Argument.mapOf(String.class, Object.class));
            return body == null ? Map.of() : body;
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Access tokens shaped like Prismatic's: JWTs whose {@code exp} tells clients when to refresh. */
    private static final class AccessTokens {

        private AccessTokens() {
        }

        static String issue(Instant exp) {
            java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            String claims = b64.encodeToString(("{\"sub\":\"sandbox-admin\",\"exp\":" + exp.getEpochSecond()
                    + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
            return header + "." + claims + ".sandbox";
        }
    }
}
