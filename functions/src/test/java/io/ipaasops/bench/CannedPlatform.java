package io.ipaasops.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A zero-latency Prismatic (token exchange, deploy, one instance, paged instances), Secrets Manager and DynamoDB
 * (every item write succeeds), answering canned JSON from the JDK's HTTP server, so that benchmarks measure
 * ipaas-ops rather than a mock server.
 */
final class CannedPlatform implements AutoCloseable {

    static final String REFRESH_TOKEN = "bench-refresh-token-0123456789";
    private static final Pattern AFTER = Pattern.compile("\"after\"\\s*:\\s*\"c(\\d+)\"");
    private static final Pattern FIRST = Pattern.compile("\"first\"\\s*:\\s*(\\d+)");

    private final HttpServer server;
    private final AtomicInteger tokenExchanges = new AtomicInteger();
    private final AtomicInteger secretReads = new AtomicInteger();
    private final AtomicInteger graphQlCalls = new AtomicInteger();
    private final AtomicInteger tableWrites = new AtomicInteger();
    private volatile int instances = 1000;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "canned-platform");
        t.setDaemon(true);
        return t;
    });

    CannedPlatform() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void instances(int count) {
        instances = count;
    }

    int tokenExchanges() {
        return tokenExchanges.get();
    }

    int secretReads() {
        return secretReads.get();
    }

    int graphQlCalls() {
        return graphQlCalls.get();
    }

    int tableWrites() {
        return tableWrites.get();
    }

    void resetCounts() {
        tokenExchanges.set(0);
        secretReads.set(0);
        graphQlCalls.set(0);
        tableWrites.set(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if ("secretsmanager.GetSecretValue".equals(target)) {
                secretReads.incrementAndGet();
                send(exchange, "application/x-amz-json-1.1", "{\"ARN\":\"arn:aws:secretsmanager:eu-west-1:1:secret:b\","
                        + "\"Name\":\"bench/prismatic\",\"SecretString\":\"{\\\"refreshToken\\\":\\\"" + REFRESH_TOKEN
                        + "\\\"}\",\"VersionId\":\"v1\"}");
            } else if (target != null && target.startsWith("DynamoDB_20120810.")) {
                tableWrites.incrementAndGet();
                send(exchange, "application/x-amz-json-1.0", "{}");
            } else if (path.equals("/credentials")) {
                // Lambda's container credentials endpoint, which SnapStart functions use instead of variables.
                send(exchange, "application/json", "{\"AccessKeyId\":\"ASIABENCHBENCHBENCH1\",\"SecretAccessKey\":"
                        + "\"bench-secret\",\"Token\":\"bench-session\",\"Expiration\":\""
                        + Instant.now().plusSeconds(21600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\"}");
            } else if (path.endsWith("/auth/refresh")) {
                tokenExchanges.incrementAndGet();
                send(exchange, "application/json", "{\"access_token\":\"" + jwt() + "\"}");
            } else if (body.contains("query instance(")) {
                graphQlCalls.incrementAndGet();
                send(exchange, "application/json", "{\"data\":{\"instance\":" + instance(1).replaceFirst("\\}$",
                        ",\"flowConfigs\":{\"nodes\":[]}}") + "}}");
            } else if (body.contains("listInstances")) {
                graphQlCalls.incrementAndGet();
                send(exchange, "application/json", page(body));
            } else {
                graphQlCalls.incrementAndGet();
                send(exchange, "application/json", "{\"data\":{\"deployInstance\":{\"instance\":" + instance(1)
                        + ",\"errors\":[]}}}");
            }
        }
    }

    private String page(String body) {
        Matcher after = AFTER.matcher(body);
        Matcher first = FIRST.matcher(body);
        int start = after.find() ? Integer.parseInt(after.group(1)) : 0;
        int size = first.find() ? Integer.parseInt(first.group(1)) : 100;
        int end = Math.min(instances, start + size);
        StringBuilder nodes = new StringBuilder();
        for (int i = start; i < end; i++) {
            nodes.append(i == start ? "" : ",").append(instance(i));
        }
        return "{\"data\":{\"instances\":{\"nodes\":[" + nodes + "],\"pageInfo\":{\"hasNextPage\":" + (end < instances)
                + ",\"hasPreviousPage\":" + (start > 0) + ",\"startCursor\":\"c" + start + "\",\"endCursor\":\"c" + end
                + "\"},\"totalCount\":" + instances + "}}}";
    }

    private static String instance(int i) {
        return "{\"id\":\"SW5zdGFuY2U6" + i + "\",\"name\":\"Instance " + i + "\",\"description\":\"\",\"enabled\":true,"
                + "\"deployedVersion\":3,\"needsDeploy\":false,\"configState\":\"FULLY_CONFIGURED\",\"inFailedState\":false,"
                + "\"labels\":[\"eu\"],\"lastDeployedAt\":\"2026-11-01T10:00:00Z\",\"lastExecutedAt\":null,"
                + "\"updatedAt\":\"2026-11-01T10:00:00Z\",\"customer\":{\"id\":\"Q3VzdG9tZXI6MQ==\",\"name\":\"Acme\","
                + "\"externalId\":\"acme\"},\"integration\":{\"id\":\"SW50ZWdyYXRpb246MQ==\",\"name\":\"Sync\","
                + "\"versionNumber\":3}}";
    }

    private static String jwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"exp\":" + Instant.now().plusSeconds(86400).getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8)) + ".bench";
    }

    private static void send(HttpExchange exchange, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
