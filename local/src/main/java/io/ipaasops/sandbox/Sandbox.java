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
 * The built-in sandbox: an in-memory Prismatic and Versori connect API v1 on one loopback HTTP server, laid out as
 * the real platforms are, so that any client works against it: Prismatic at the root ({@code /auth/refresh},
 * GraphQL at {@code /api}, the flows' test and webhook URLs at {@code /trigger/...}, step results at
 * {@code /results/...}) and Versori at {@code /api/connect/v1}. It speaks the real wire protocols, with optional
 * latency and fault injection. The older prefixed paths ({@code /prismatic/...}, {@code /versori/...}) still work.
 *
 * <p>Like DynamoDB Local for AWS: start it, point the clients at {@link #properties()} (or {@code PRISMATIC_URL} at
 * {@link #url()} with {@link #accessToken()}), and everything runs offline.</p>
 */
public final class Sandbox implements AutoCloseable {

    /** The platforms the sandbox stands in for (for GitHub: the contents API of a demo repository). */
    public static final java.util.Set<io.ipaasops.core.Platform> PLATFORMS = java.util.EnumSet.of(
            io.ipaasops.core.Platform.PRISMATIC, io.ipaasops.core.Platform.VERSORI, io.ipaasops.core.Platform.GITHUB);

    /** The demo repository the sandbox's GitHub serves, and the commit its files are at. */
    public static final String GITHUB_REPOSITORY = GitHubContents.REPOSITORY;
    /** The commit the demo repository's files are at. */
    public static final String GITHUB_COMMIT = GitHubContents.COMMIT;

    /** The refresh token the sandbox accepts. */
    public static final String REFRESH_TOKEN = "sandbox-refresh-token";
    /** The Versori API key the sandbox accepts. */
    public static final String API_KEY = "sandbox-versori-api-key";
    /** The Versori organisation the sandbox serves. */
    public static final String VERSORI_ORGANISATION = VersoriSandbox.ORG;
    /** Where Versori's connect API is, as on the real platform. */
    public static final String VERSORI_PATH = "/api/connect/v1";
    /** How long the access token printed at start-up is valid (Prismatic's own tokens last 7 days). */
    public static final Duration READY_TOKEN_LIFETIME = Duration.ofDays(7);
    /** Requests served at once: the local host's own bound, so that the host's workers never wait on the sandbox. */
    static final int THREADS = 32;

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
    private int moreInstances;
    private JsonMapper mapper;
    private final GitHubContents github = new GitHubContents();
    private PrismaticSandbox prismatic;
    private VersoriSandbox versori;
    private String accessToken;
    private final java.util.Set<String> issuedTokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.regex.Pattern OPERATION =
            java.util.regex.Pattern.compile("(?:query|mutation)\\s+([_A-Za-z][_0-9A-Za-z]*)");
    private static final int MAX_OPERATIONS = 1000;
    private final Map<String, java.util.concurrent.atomic.LongAdder> operations =
            new java.util.concurrent.ConcurrentHashMap<>();

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

    /** Seeds {@code count} more instances than the demo data has (for benchmarks); call before {@link #start}. */
    public Sandbox withMoreInstances(int count) {
        this.moreInstances = count;
        return this;
    }

    /** The configuration that points ipaas-ops at this sandbox. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("prismatic.url", url());
        properties.put("prism.refresh-token", REFRESH_TOKEN);
        properties.put("versori.url", url() + VERSORI_PATH);
        properties.put("versori.api-key", API_KEY);
        properties.put("versori.organisation-id", VersoriSandbox.ORG);
        properties.put("github.api-url", url());
        return properties;
    }

    /** The sandbox's base URL: Prismatic's API is at its root ({@code PRISMATIC_URL}). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An access token the sandbox accepts on {@code /api} until {@link #READY_TOKEN_LIFETIME} after start. */
    public String accessToken() {
        return accessToken;
    }

    /** Seeds the data and starts serving. */
    public Sandbox start(JsonMapper jsonMapper) {
        this.mapper = jsonMapper;
        this.prismatic = new PrismaticSandbox(clock, url(), moreInstances);
        this.versori = new VersoriSandbox(clock);
        this.accessToken = AccessTokens.issue(clock.instant().plus(READY_TOKEN_LIFETIME));
        issuedTokens.add(accessToken);
        // As many at once as a client may send: injected latency holds a thread, and the real platforms serve
        // concurrent callers in parallel, so a small pool would make the sandbox, not the client, the bottleneck.
        server.setExecutor(Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "sandbox");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (injectFault(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            // The paths of earlier releases, kept so that existing configurations keep working.
            if (path.startsWith("/prismatic/")) {
                path = path.substring("/prismatic".length());
            } else if (path.startsWith("/versori/")) {
                path = path.substring("/versori".length());
            }
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith(VERSORI_PATH + "/")) {
                versori(exchange, path.substring(VERSORI_PATH.length()), body);
            } else if (path.equals("/auth/refresh") && method.equals("POST")) {
                refresh(exchange, body);
            } else if ((path.equals("/api") || path.equals("/api/")) && method.equals("POST")) {
                graphQl(exchange, body);
            } else if (path.startsWith("/trigger/") && method.equals("POST")) {
                Executions.Reply reply = prismatic.trigger(path.substring("/trigger/".length()),
                        new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("Content-Type"));
                if (reply.executionId() != null) {
                    exchange.getResponseHeaders().set("prismatic-executionid", reply.executionId());
                }
                sendBytes(exchange, reply.status(), "application/json", reply.body().getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/results/") && method.equals("GET")) {
                byte[] results = prismatic.results(path.substring("/results/".length()));
                if (results == null) {
                    send(exchange, 404, Map.of("error", "No step result here (yet): " + path));
                } else {
                    sendBytes(exchange, 200, "application/octet-stream", results);
                }
            } else if (path.startsWith("/repos/") && method.equals("GET")) {
                github(exchange, path);
            } else if (path.equals("/auth/meta")) {
                // Prism asks this only to exchange a refresh token at an external identity provider, over HTTPS.
                send(exchange, 404, Map.of("error", "The sandbox has no identity provider: set PRISM_ACCESS_TOKEN"
                        + " to the access token it printed at start-up (or POST /auth/refresh)."));
            } else {
                send(exchange, 404, Map.of("errors", java.util.List.of(Map.of("message", "Not found: " + path))));
            }
        }
    }

    /** {@code /repos/{owner}/{repo}/contents/{path}?ref=}: the demo repository's files, raw. */
    private void github(HttpExchange exchange, String path) throws IOException {
        String[] parts = path.split("/", 6);
        String query = exchange.getRequestURI().getQuery();
        String ref = query == null ? null : java.util.Arrays.stream(query.split("&"))
                .filter(p -> p.startsWith("ref=")).map(p -> p.substring(4)).findFirst().orElse(null);
        java.util.Optional<byte[]> file = parts.length == 6 && parts[4].equals("contents")
                ? github.file(parts[2] + "/" + parts[3], parts[5], ref) : java.util.Optional.empty();
        if (file.isEmpty()) {
            send(exchange, 404, Map.of("message", "Not Found",
                    "documentation_url", "https://docs.github.com/rest/repos/contents#get-repository-content"));
        } else {
            sendBytes(exchange, 200, "application/vnd.github.raw+json", file.get());
        }
    }

    private void refresh(HttpExchange exchange, byte[] bytes) throws IOException {
        if (!REFRESH_TOKEN.equals(json(bytes).get("refresh_token"))) {
            send(exchange, 401, Map.of("error", "invalid refresh token"));
            return;
        }
        String token = AccessTokens.issue(clock.instant().plus(Duration.ofHours(1)));
        issuedTokens.add(token);
        send(exchange, 200, Map.of("access_token", token, "token_type", "Bearer", "expires_in", 3600));
    }

    /** Prismatic GraphQL requests served so far, by operation name (for the benchmarks' calls per instance). */
    public Map<String, Long> prismaticCalls() {
        Map<String, Long> calls = new java.util.TreeMap<>();
        operations.forEach((name, count) -> calls.put(name, count.sum()));
        return calls;
    }

    private void graphQl(HttpExchange exchange, byte[] bytes) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !issuedTokens.contains(auth.replaceFirst("^Bearer ", ""))) {
            send(exchange, 401, Map.of("errors", java.util.List.of(Map.of("message", "Unauthorized"))));
            return;
        }
        Map<String, Object> body = json(bytes);
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) body.get("variables");
        String operation = operationName(body);
        // Bounded: a client sending ever new operation names is counted, not remembered.
        if (operations.size() >= MAX_OPERATIONS && !operations.containsKey(operation)) {
            operation = "(other)";
        }
        operations.computeIfAbsent(operation, k -> new java.util.concurrent.atomic.LongAdder()).increment();
        send(exchange, 200, prismatic.execute(String.valueOf(body.get("query")), variables));
    }

    private void versori(HttpExchange exchange, String path, byte[] bytes) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + API_KEY).equals(auth)) {
            send(exchange, 401, Map.of("code", "401000", "message", "invalid API key"));
            return;
        }
        VersoriSandbox.Reply reply = versori.handle(exchange.getRequestMethod(), path,
                query(exchange.getRequestURI().getRawQuery()), json(bytes));
        send(exchange, reply.status(), reply.body());
    }

    private static String operationName(Map<String, Object> body) {
        if (body.get("operationName") instanceof String name) {
            return name;
        }
        java.util.regex.Matcher named = OPERATION.matcher(String.valueOf(body.get("query")));
        return named.find() ? named.group(1) : "(anonymous)";
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

    private Map<String, Object> json(byte[] bytes) {
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
        sendBytes(exchange, status, "application/json", mapper.writeValueAsBytes(body));
    }

    private static void sendBytes(HttpExchange exchange, int status, String contentType, byte[] bytes)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
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
