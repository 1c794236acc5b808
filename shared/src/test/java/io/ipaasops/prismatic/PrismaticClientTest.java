package io.ipaasops.prismatic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.ipaasops.testing.PrismaticStub.json;
import static io.ipaasops.testing.PrismaticStub.operation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.core.Deadline;
import io.ipaasops.core.IndeterminateException;
import io.ipaasops.core.NotFoundException;
import io.ipaasops.core.TransientException;
import io.ipaasops.core.UnauthorizedException;
import io.ipaasops.core.UpstreamException;
import io.ipaasops.core.ValidationException;
import io.ipaasops.core.Sleeper;
import io.ipaasops.testing.MutableClock;
import io.ipaasops.testing.RecordingSleeper;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.testing.Tokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Prismatic client on the wire: token exchange and cache, both error layers, retries and paging. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "prism.refresh-token", value = PrismaticStub.REFRESH_TOKEN)
@Property(name = "ipaas.retry.base-delay", value = "10ms")
@Property(name = "prismatic.max-items", value = "250")
@Property(name = "micronaut.http.client.read-timeout", value = "1s")
class PrismaticClientTest implements TestPropertyProvider {

    private static final String INSTANCE = "{\"id\":\"SW5zdGFuY2U6MQ==\",\"name\":\"Acme\",\"needsDeploy\":false}";

    private final PrismaticStub stub = new PrismaticStub();
    private final MutableClock clock = new MutableClock(Instant.now());
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @Inject
    PrismaticClient client;

    @Inject
    PrismaticAuth auth;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("prismatic.url", stub.url());
    }

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @MockBean(Sleeper.class)
    Sleeper sleeper() {
        return sleeper;
    }

    @BeforeEach
    void reset() {
        sleeper.clear();
        stub.reset();
        auth.invalidate(stub.accessToken());
    }

    @AfterEach
    void everyRequestWasValidGraphQl() {
        assertEquals(List.of(), stub.graphQlProblems());
    }

    @AfterAll
    void stop() {
        stub.close();
    }

    @Test
    void queryCarriesBearerTokenFromRefreshExchange() {
        // GIVEN an instance on the platform
        stub.stubData("instance", "{\"instance\":" + INSTANCE + "}");

        // WHEN it is fetched
        Instance instance = client.instance("SW5zdGFuY2U6MQ==");

        // THEN the token was exchanged with the refresh token only, and the query carried the access token
        assertEquals("Acme", instance.name());
        stub.server().verify(postRequestedFor(urlPathEqualTo("/auth/refresh"))
                .withRequestBody(equalToJson("{\"refresh_token\":\"" + PrismaticStub.REFRESH_TOKEN + "\"}")));
        var request = stub.requests("instance").get(0);
        assertEquals("Bearer " + stub.accessToken(), request.getHeader("Authorization"));
        assertEquals(Map.of("id", "SW5zdGFuY2U6MQ=="), PrismaticStub.variables(request));
    }

    @Test
    void accessTokenIsReusedUntilFiveMinutesBeforeExp() {
        // GIVEN a token that expires in one hour
        String token = Tokens.jwt("short", clock.instant().plus(Duration.ofHours(1)));
        stub.server().stubFor(post(urlPathEqualTo("/auth/refresh")).willReturn(okJson(
                "{\"access_token\":\"" + token + "\"}")));
        stub.stubData("instance", "{\"instance\":" + INSTANCE + "}");

        // WHEN three calls are made within the hour, the last 4 minutes before exp
        client.instance("a");
        clock.advance(Duration.ofMinutes(50));
        client.instance("b");
        clock.advance(Duration.ofMinutes(6));
        client.instance("c");

        // THEN the token was exchanged once, then again once inside the 5-minute margin
        assertEquals(2, stub.tokenRequests().size());
    }

    @Test
    void opaqueTokenFallsBackToExpiresIn() {
        stub.server().stubFor(post(urlPathEqualTo("/auth/refresh")).willReturn(okJson(
                "{\"access_token\":\"opaque-access-token-123\",\"expires_in\":600}")));
        stub.stubData("instance", "{\"instance\":" + INSTANCE + "}");

        client.instance("a");
        clock.advance(Duration.ofMinutes(4));
        client.instance("b");
        clock.advance(Duration.ofMinutes(2));
        client.instance("c");

        assertEquals(2, stub.tokenRequests().size());
    }

    @Test
    void unauthorizedResponseRefreshesOnceAndRetries() {
        // GIVEN the first GraphQL call is refused with 401, the second accepted
        stub.server().stubFor(operation("instance").inScenario("auth").whenScenarioStateIs(STARTED)
                .willReturn(json(401, "{\"errors\":[{\"message\":\"Unauthorized\"}]}")).willSetStateTo("fresh"));
        stub.server().stubFor(operation("instance").inScenario("auth").whenScenarioStateIs("fresh")
                .willReturn(okJson("{\"data\":{\"instance\":" + INSTANCE + "}}")));

        // WHEN the instance is fetched
        Instance instance = client.instance("x");

        // THEN the client exchanged a new token and retried exactly once
        assertEquals("Acme", instance.name());
        assertEquals(2, stub.tokenRequests().size());
        assertEquals(2, stub.requests("instance").size());
    }

    @Test
    void expiredTokenErrorInBodyAlsoRefreshes() {
        stub.server().stubFor(operation("instance").inScenario("exp").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"data\":null,\"errors\":[{\"message\":\"Signature has expired\"}]}"))
                .willSetStateTo("fresh"));
        stub.server().stubFor(operation("instance").inScenario("exp").whenScenarioStateIs("fresh")
                .willReturn(okJson("{\"data\":{\"instance\":" + INSTANCE + "}}")));

        assertEquals("Acme", client.instance("x").name());
        assertEquals(2, stub.tokenRequests().size());
    }

    @Test
    void refusedRefreshTokenIsUnauthorizedWithoutEchoingTheToken() {
        // GIVEN a token endpoint that refuses and echoes what it was sent
        stub.server().stubFor(post(urlPathEqualTo("/auth/refresh")).willReturn(json(401,
                "{\"error\":\"invalid refresh token " + PrismaticStub.REFRESH_TOKEN + "\"}")));

        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> client.instance("x"));

        assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
        assertFalse(e.getMessage().contains(PrismaticStub.REFRESH_TOKEN));
        assertEquals(0, stub.requests("instance").size());
    }

    @Test
    void mutationFieldErrorsBecomeValidationErrorWithFields() {
        stub.stubData("deployInstance", "{\"deployInstance\":{\"instance\":null,\"errors\":["
                + "{\"field\":\"__all__\",\"messages\":[\"Instance has no configuration.\"]},"
                + "{\"field\":\"force\",\"messages\":[\"Not allowed.\"]}]}}");

        ValidationException e = assertThrows(ValidationException.class, () -> client.deployInstance("x", true));

        assertEquals(List.of(new io.ipaasops.core.FieldError("__all__", "Instance has no configuration."),
                new io.ipaasops.core.FieldError("force", "Not allowed.")), e.fields());
        assertTrue(e.getMessage().contains("Instance has no configuration.; force: Not allowed."), e.getMessage());
    }

    @Test
    void topLevelNotFoundErrorIsNotFound() {
        stub.stub("instance", json(200, "{\"data\":{\"instance\":null},\"errors\":[{\"message\":"
                + "\"Instance matching query does not exist.\",\"path\":[\"instance\"]}]}"));

        NotFoundException e = assertThrows(NotFoundException.class, () -> client.instance("x"));

        assertTrue(e.getMessage().contains("does not exist"));
    }

    @Test
    void nullEntityWithoutErrorsIsNotFound() {
        stub.stubData("customer", "{\"customer\":null}");

        assertThrows(NotFoundException.class, () -> client.customer("Q3VzdG9tZXI6MQ=="));
    }

    @Test
    void otherTopLevelErrorsAreUpstream() {
        stub.stub("instance", json(200, "{\"data\":null,\"errors\":[{\"message\":\"Something broke\"}]}"));

        UpstreamException e = assertThrows(UpstreamException.class, () -> client.instance("x"));

        assertEquals("Prismatic: Something broke", e.getMessage());
    }

    @Test
    void rateLimitedCallWaitsForRetryAfter() {
        // GIVEN a 429 with Retry-After: 1, then success
        stub.server().stubFor(operation("instance").inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        stub.server().stubFor(operation("instance").inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"data\":{\"instance\":" + INSTANCE + "}}")));

        Instance instance = client.instance("x");

        // THEN it waited the second the server asked for, then succeeded
        assertEquals("Acme", instance.name());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeper.waits());
    }

    @Test
    void rateLimitedMutationIsRetriedBecauseItWasNotApplied() {
        stub.server().stubFor(operation("deployInstance").inScenario("429m").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("ok"));
        stub.server().stubFor(operation("deployInstance").inScenario("429m").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"data\":{\"deployInstance\":{\"instance\":" + INSTANCE + ",\"errors\":[]}}}")));

        assertEquals("Acme", client.deployInstance("x", null).name());
        assertEquals(2, stub.requests("deployInstance").size());
    }

    @Test
    void unavailableQueryIsRetried() {
        stub.server().stubFor(operation("instance").inScenario("503").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        stub.server().stubFor(operation("instance").inScenario("503").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"data\":{\"instance\":" + INSTANCE + "}}")));

        assertEquals("Acme", client.instance("x").name());
        assertEquals(2, stub.requests("instance").size());
    }

    @Test
    void unavailableMutationIsNotRepeatedBecauseItMayHaveApplied() {
        stub.stub("deployInstance", aResponse().withStatus(503));

        IndeterminateException e = assertThrows(IndeterminateException.class, () -> client.deployInstance("x", null));

        assertTrue(e.getMessage().contains("503"), e.getMessage());
        assertEquals(1, stub.requests("deployInstance").size());
    }

    @Test
    void persistentUnavailabilityGivesUpAfterMaxAttempts() {
        stub.stub("instance", aResponse().withStatus(502));

        TransientException e = assertThrows(TransientException.class, () -> client.instance("x"));

        assertTrue(e.getMessage().contains("gave up after 4 attempts"), e.getMessage());
        assertEquals(4, stub.requests("instance").size());
    }

    @Test
    void retriesStopAtTheDeadline() {
        stub.stub("instance", aResponse().withStatus(429).withHeader("Retry-After", "2"));

        TransientException e = assertThrows(TransientException.class,
                () -> Deadline.in(Duration.ofSeconds(1)).bind(() -> client.instance("x")));

        assertTrue(e.getMessage().contains("429"), e.getMessage());
        assertEquals(1, stub.requests("instance").size());
    }

    @Test
    void malformedJsonIsUpstreamError() {
        stub.stub("instance", aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"data\": {\"instance\": "));

        UpstreamException e = assertThrows(UpstreamException.class, () -> client.instance("x"));

        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void timedOutQueryIsRetriedThenTransient() {
        stub.stub("instance", okJson("{\"data\":{\"instance\":" + INSTANCE + "}}").withFixedDelay(2500));

        TransientException e = assertThrows(TransientException.class, () -> client.instance("x"));

        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(4, stub.requests("instance").size());
    }

    @Test
    void timedOutMutationIsNotRepeated() {
        stub.stub("deployInstance", okJson("{}").withFixedDelay(2500));

        IndeterminateException e = assertThrows(IndeterminateException.class, () -> client.deployInstance("x", null));

        assertTrue(e.getMessage().contains("may or may not have been applied"), e.getMessage());
        assertEquals(1, stub.requests("deployInstance").size());
    }

    @Test
    void connectionRefusedIsRetriedEvenForMutations() {
        // GIVEN nothing listening where Prismatic should be
        stub.server().stop();
        try {
            TransientException e = assertThrows(TransientException.class, () -> client.deployInstance("x", null));
            assertTrue(e.getMessage().contains("could not connect"), e.getMessage());
            assertTrue(e.getMessage().contains("4 attempts"), e.getMessage());
        } finally {
            stub.server().start();
        }
    }

    @Test
    void allFollowsEndCursorInStableOrderUntilTheLastPage() {
        // GIVEN three pages of instances
        for (int page = 0; page < 3; page++) {
            String after = page == 0 ? null : "c" + page;
            var mapping = operation("listInstances");
            mapping = after == null
                    ? mapping.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"after\""))
                    : mapping.withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                            "$.variables.after", equalTo(after)));
            stub.server().stubFor(mapping.willReturn(okJson("{\"data\":{\"instances\":{\"nodes\":[{\"id\":\"i" + page
                    + "\"}],\"pageInfo\":{\"hasNextPage\":" + (page < 2) + ",\"hasPreviousPage\":" + (page > 0)
                    + ",\"startCursor\":\"s" + page + "\",\"endCursor\":\"c" + (page + 1) + "\"},\"totalCount\":3}}}")));
        }

        // WHEN all instances needing deploy are listed
        Page<Instance> all = client.instances(Map.of("needsDeploy", true),
                new PageRequest(null, null, null, null, null, true));

        // THEN every page was fetched with first 100, the filter and a stable sort, and the nodes joined
        assertEquals(List.of("i0", "i1", "i2"), all.nodes().stream().map(Instance::id).toList());
        assertEquals(3, all.totalCount());
        assertFalse(all.pageInfo().hasNextPage());
        assertEquals("c3", all.pageInfo().endCursor());
        var requests = stub.requests("listInstances");
        assertEquals(3, requests.size());
        Map<String, Object> last = PrismaticStub.variables(requests.get(2));
        assertEquals(100, last.get("first"));
        assertEquals(true, last.get("needsDeploy"));
        assertEquals("c2", last.get("after"));
        assertEquals(List.of(Map.of("field", "CREATED_AT", "direction", "ASC")), last.get("sortBy"));
    }

    @Test
    void onePageByDefaultSendsOnlyWhatWasSet() {
        stub.stubData("listCustomers", "{\"customers\":{\"nodes\":[],\"pageInfo\":{\"hasNextPage\":true,"
                + "\"hasPreviousPage\":false,\"startCursor\":null,\"endCursor\":\"x\"},\"totalCount\":0}}");

        Page<Customer> page = client.customers(Map.of(), new PageRequest(5, null, null, null, null, false));

        assertTrue(page.pageInfo().hasNextPage());
        assertEquals(Map.of("first", 5), PrismaticStub.variables(stub.requests("listCustomers").get(0)));
    }

    @Test
    void allStopsClearlyPastTheCap() {
        // GIVEN an endless list: every page has 100 flows and a new cursor (prismatic.max-items is 250 here)
        stub.stub("listFlows", okJson("{\"data\":{\"integration\":{\"flows\":{\"nodes\":["
                + "{\"id\":\"f\"},".repeat(99) + "{\"id\":\"f\"}],\"pageInfo\":{\"hasNextPage\":true,"
                + "\"hasPreviousPage\":false,\"startCursor\":\"a\",\"endCursor\":"
                + "\"{{jsonPath request.body '$.variables.after'}}x\"},\"totalCount\":100000}}}}")
                .withTransformers("response-template"));

        ValidationException e = assertThrows(ValidationException.class,
                () -> client.flows("SW50ZWdyYXRpb246MQ==", new PageRequest(null, null, null, null, null, true)));

        assertEquals("all", e.fields().get(0).field());
        assertTrue(e.fields().get(0).message().contains("more than 250"), e.fields().get(0).message());
        assertEquals(3, stub.requests("listFlows").size());
    }

    @Test
    void testFlowWaitsForTheExecutionToEnd() {
        stub.stubData("testIntegrationFlow", "{\"testIntegrationFlow\":{\"testIntegrationFlowResult\":{"
                + "\"flow\":{\"id\":\"f1\",\"name\":\"Main\"},\"execution\":{\"id\":\"e1\",\"status\":\"PENDING\"},"
                + "\"statusCode\":200,\"headers\":\"{}\",\"body\":\"ok\"},\"errors\":[]}}");
        stub.server().stubFor(operation("executionResult").inScenario("run").whenScenarioStateIs(STARTED)
                .willReturn(okJson("{\"data\":{\"executionResult\":{\"id\":\"e1\",\"status\":\"PENDING\"}}}"))
                .willSetStateTo("done"));
        stub.server().stubFor(operation("executionResult").inScenario("run").whenScenarioStateIs("done")
                .willReturn(okJson("{\"data\":{\"executionResult\":{\"id\":\"e1\",\"status\":\"SUCCESS\","
                        + "\"endedAt\":\"2026-01-01T00:00:02Z\"}}}")));

        TestFlowResult result = client.testFlow("f1", "{\"a\":1}", "application/json", true);

        assertTrue(result.finished());
        assertEquals("SUCCESS", result.execution().status());
        assertEquals("e1", result.executionId());
        assertEquals(2, stub.requests("executionResult").size());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), sleeper.waits(), "the poll interval");
    }

    @Test
    void testFlowWithoutWaitingReturnsAtOnce() {
        stub.stubData("testIntegrationFlow", "{\"testIntegrationFlow\":{\"testIntegrationFlowResult\":{"
                + "\"flow\":{\"id\":\"f1\",\"name\":\"Main\"},\"execution\":{\"id\":\"e1\",\"status\":\"PENDING\"},"
                + "\"statusCode\":200,\"headers\":null,\"body\":\"ok\"},\"errors\":[]}}");

        TestFlowResult result = client.testFlow("f1", null, null, false);

        assertFalse(result.finished());
        assertNull(result.headers());
        assertEquals(Map.of("id", "f1"), PrismaticStub.variables(stub.requests("testIntegrationFlow").get(0)));
        assertEquals(0, stub.requests("executionResult").size());
    }
}
