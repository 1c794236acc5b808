package io.ipaasops.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WireMock Prismatic: {@code /auth/refresh} and GraphQL at {@code /api}, stubbed per operation name.
 *
 * <p>{@link #graphQlProblems()} checks every GraphQL request it received against Prismatic's published schema,
 * variables included, so that no test can pass with a document the real API would reject.</p>
 */
public final class PrismaticStub implements AutoCloseable {

    /** The refresh token tests configure; it must never appear in output. */
    public static final String REFRESH_TOKEN = "rt-2uSiGgplFXAN_igEtOGPIpj3UcGuG0FADIljgJTEST";

    // A fixed free port, so a test can stop the server (connection refused) and start it again at the same URL.
    private final WireMockServer server = new WireMockServer(options().port(FreePort.find()));
    private final String accessToken = Tokens.jwt("first", Instant.now().plus(1, ChronoUnit.DAYS));

    /** Starts the stub on a free port with a working token exchange. */
    public PrismaticStub() {
        server.start();
        stubToken();
    }

    /** The base URL to configure as {@code prismatic.url}. */
    public String url() {
        return server.baseUrl();
    }

    /** The underlying server, for stubs and verifications this class does not wrap. */
    public WireMockServer server() {
        return server;
    }

    /** The access token the token exchange hands out. */
    public String accessToken() {
        return accessToken;
    }

    /** Removes every stub and request log, and restores the token exchange. */
    public void reset() {
        server.resetAll();
        stubToken();
    }

    /** The token exchange answers with {@link #accessToken()}. */
    public void stubToken() {
        server.stubFor(post(urlPathEqualTo("/auth/refresh"))
                .willReturn(okJson("{\"access_token\":\"" + accessToken + "\",\"token_type\":\"Bearer\"}")));
    }

    /** A mapping for the GraphQL operation named {@code operation} (its first line is {@code query|mutation name}). */
    public static MappingBuilder operation(String operation) {
        return post(urlPathEqualTo("/api"))
                .withRequestBody(matchingJsonPath("$.query", matching("(?s)^(query|mutation) " + operation + "\\b.*")));
    }

    /** The operation answers HTTP 200 with {@code {"data": <dataJson>}}. */
    public void stubData(String operation, String dataJson) {
        server.stubFor(operation(operation).willReturn(okJson("{\"data\":" + dataJson + "}")));
    }

    /** The operation answers with {@code response}. */
    public void stub(String operation, ResponseDefinitionBuilder response) {
        server.stubFor(operation(operation).willReturn(response));
    }

    /** A JSON response with the given status. */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** The GraphQL requests received for {@code operation}, oldest first. */
    public List<LoggedRequest> requests(String operation) {
        return server.findAll(postRequestedFor(urlPathEqualTo("/api"))
                .withRequestBody(matchingJsonPath("$.query", matching("(?s)^(query|mutation) " + operation + "\\b.*"))));
    }

    /** The token exchanges received, oldest first. */
    public List<LoggedRequest> tokenRequests() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/auth/refresh")));
    }

    /** The variables of a GraphQL request. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> variables(LoggedRequest request) {
        Map<String, Object> body = Json.read(request.getBodyAsString(), Map.class);
        Object variables = body.get("variables");
        return variables == null ? Map.of() : (Map<String, Object>) variables;
    }

    /** The document of a GraphQL request. */
    @SuppressWarnings("unchecked")
    public static String query(LoggedRequest request) {
        return (String) Json.read(request.getBodyAsString(), Map.class).get("query");
    }

    /** Every schema problem in every GraphQL request received so far ({@code []} when all are valid). */
    public List<String> graphQlProblems() {
        List<String> problems = new ArrayList<>();
        for (LoggedRequest request : server.findAll(postRequestedFor(urlPathEqualTo("/api")))) {
            String query = query(request);
            for (String problem : PrismaticSchema.problems(query, variables(request))) {
                problems.add(problem + " in: " + query.lines().findFirst().orElse(""));
            }
        }
        return problems;
    }

    @Override
    public void close() {
        server.stop();
    }
}
