package io.ipaasops.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.ipaasops.testing.PrismaticStub.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.core.ActionFunction;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.ValidationException;
import io.ipaasops.prismatic.PrismaticAuth;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.DynamoDbLocal;
import io.ipaasops.testing.LambdaEvents;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.testing.VersoriStub;
import io.ipaasops.triggers.EventAdapter;
import io.ipaasops.triggers.WebhookSignature;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every action answers every trigger shape, webhooks are authenticated, SQS batches lose nothing, repeats run once. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "prism.refresh-token", value = PrismaticStub.REFRESH_TOKEN)
@Property(name = "versori.api-key", value = VersoriStub.API_KEY)
@Property(name = "versori.organisation-id", value = VersoriStub.ORG)
@Property(name = "webhook.secret", value = TriggersTest.SECRET + "," + TriggersTest.OLD_SECRET)
@Property(name = "idempotency.table", value = "ipaas-idempotency")
@Property(name = "ipaas.retry.base-delay", value = "10ms")
class TriggersTest implements TestPropertyProvider {

    static final String SECRET = "whsec-current-0123456789abcdef";
    static final String OLD_SECRET = "whsec-previous-fedcba9876543210";

    /** The trigger shapes a handler must answer. */
    enum Shape { DIRECT, EVENTBRIDGE, API_V2, API_V1, SQS }

    private final PrismaticStub prismatic = new PrismaticStub();
    private final VersoriStub versori = new VersoriStub();
    private final DynamoDbLocal dynamoDb = new DynamoDbLocal();

    @Inject
    EventAdapter adapter;

    @Inject
    PrismaticAuth auth;

    @Override
    public Map<String, String> getProperties() {
        AwsTestEnvironment.configure();
        dynamoDb.createIdempotencyTable("ipaas-idempotency");
        return Map.of("prismatic.url", prismatic.url(), "versori.url", versori.url(),
                "ipaas.dynamodb.endpoint", dynamoDb.endpoint());
    }

    /** One action's example, from whichever platform it drives. */
    record ActionCase(String action, String input, String expected, Object platformCase) {

        @Override
        public String toString() {
            return action;
        }
    }

    static List<ActionCase> actionCases() {
        List<ActionCase> cases = new ArrayList<>();
        PrismaticCases.ALL.forEach(c -> cases.add(new ActionCase(c.action(), c.input(), c.expected(), c)));
        VersoriCases.ALL.forEach(c -> cases.add(new ActionCase(c.action(), c.input(), c.expected(), c)));
        return cases;
    }

    static Stream<Arguments> everyActionAndShape() {
        return actionCases().stream().flatMap(c -> Stream.of(Shape.values()).map(s -> Arguments.of(c, s)));
    }

    @BeforeEach
    void reset() {
        prismatic.reset();
        versori.reset();
        auth.invalidate(prismatic.accessToken());
    }

    @AfterEach
    void everyExchangeMatchedThePlatformsContracts() {
        assertEquals(List.of(), prismatic.graphQlProblems());
        assertEquals(List.of(), versori.violations());
    }

    @AfterAll
    void stop() {
        prismatic.close();
        versori.close();
        dynamoDb.close();
    }

    private void stub(ActionCase c) {
        if (c.platformCase() instanceof PrismaticCases.Case p) {
            prismatic.stubData(p.operation(), p.data());
        } else {
            VersoriActionsTest.stubCase(versori, (VersoriCases.Case) c.platformCase());
        }
    }

    private int calls(ActionCase c) {
        if (c.platformCase() instanceof PrismaticCases.Case p) {
            return prismatic.requests(p.operation()).size();
        }
        return versori.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*"))).size();
    }

    private String handle(String action, String event) {
        ActionFunction<?, ?> function = Actions.named(action).orElseThrow();
        return new String(adapter.handle(function, event.getBytes(StandardCharsets.UTF_8),
                Deadline.in(Duration.ofSeconds(30))), StandardCharsets.UTF_8);
    }

    private static String route(String action) {
        return "/" + Actions.named(action).orElseThrow().platform() + "/" + action;
    }

    private static Map<String, String> signedTimestamped(String body) {
        return Map.of("X-Ipaas-Signature", WebhookSignature.timestampedHeader(SECRET,
                body.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond()));
    }

    private static Map<String, String> signedGitHub(String body, String secret) {
        return Map.of("X-Hub-Signature-256", WebhookSignature.githubHeader(secret,
                body.getBytes(StandardCharsets.UTF_8)), "X-GitHub-Delivery", UUID.randomUUID().toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return (Map<String, Object>) JsonAssert.parse(json);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("everyActionAndShape")
    void everyActionAnswersEveryTriggerInItsShape(ActionCase c, Shape shape) {
        stub(c);
        String id = UUID.randomUUID().toString();

        switch (shape) {
            case DIRECT -> JsonAssert.assertContains(c.expected(), handle(c.action(), c.input()));
            case EVENTBRIDGE -> JsonAssert.assertContains(c.expected(),
                    handle(c.action(), LambdaEvents.eventBridge(id, c.input())));
            case API_V2 -> {
                Map<String, Object> response = parse(handle(c.action(), LambdaEvents.apiGatewayV2(route(c.action()),
                        c.input(), signedTimestamped(c.input()), Map.of(), false)));
                assertEquals(200, response.get("statusCode"), response::toString);
                assertEquals("application/json", ((Map<?, ?>) response.get("headers")).get("Content-Type"));
                JsonAssert.assertContains(c.expected(), (String) response.get("body"));
            }
            case API_V1 -> {
                Map<String, Object> response = parse(handle(c.action(), LambdaEvents.apiGatewayV1(route(c.action()),
                        c.input(), signedGitHub(c.input(), OLD_SECRET), true)));
                assertEquals(200, response.get("statusCode"), response::toString);
                JsonAssert.assertContains(c.expected(), (String) response.get("body"));
            }
            case SQS -> {
                String response = handle(c.action(), LambdaEvents.sqs(id, c.input()));
                assertEquals(Map.of("batchItemFailures", List.of()), parse(response));
                assertTrue(calls(c) >= 1, "the action reached the platform");
            }
        }
    }

    @Test
    void forgedWebhookGets401AndRunsNothing() {
        String body = "{\"instanceId\":\"SW5zdGFuY2U6MQ==\"}";
        prismatic.stubData("deployInstance", PrismaticCases.ALL.get(0).data());

        Map<String, Object> response = parse(handle("deploy-instance", LambdaEvents.apiGatewayV2(
                "/prismatic/deploy-instance", body, signedGitHub(body, "not-our-secret"), Map.of(), false)));

        assertEquals(401, response.get("statusCode"));
        JsonAssert.assertContains("{\"error\":{\"type\":\"unauthorized\"}}", (String) response.get("body"));
        assertEquals(0, prismatic.requests("deployInstance").size());
    }

    @Test
    void replayedWebhookOutsideToleranceGets401() {
        String body = "{\"instanceId\":\"SW5zdGFuY2U6MQ==\"}";
        long tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond();
        Map<String, String> headers = Map.of("X-Ipaas-Signature", WebhookSignature.timestampedHeader(SECRET,
                body.getBytes(StandardCharsets.UTF_8), tenMinutesAgo));

        Map<String, Object> response = parse(handle("deploy-instance",
                LambdaEvents.apiGatewayV1("/prismatic/deploy-instance", body, headers, false)));

        assertEquals(401, response.get("statusCode"));
        assertEquals(0, prismatic.requests("deployInstance").size());
    }

    @Test
    void unsignedWebhookGets401() {
        Map<String, Object> response = parse(handle("get-customer", LambdaEvents.apiGatewayV2(
                "/prismatic/get-customer", "{\"customerId\":\"x\"}", Map.of(), Map.of(), false)));

        assertEquals(401, response.get("statusCode"));
    }

    @Test
    void badWebhookInputGets400WithTheFieldNeverA500() {
        String notJson = "{\"instanceId\": ";
        String unknownField = "{\"instanceId\":\"x\",\"instance\":\"y\"}";

        Map<String, Object> broken = parse(handle("deploy-instance", LambdaEvents.apiGatewayV2(
                "/prismatic/deploy-instance", notJson, signedTimestamped(notJson), Map.of(), false)));
        Map<String, Object> unknown = parse(handle("deploy-instance", LambdaEvents.apiGatewayV2(
                "/prismatic/deploy-instance", unknownField, signedTimestamped(unknownField), Map.of(), false)));

        assertEquals(400, broken.get("statusCode"));
        assertEquals(400, unknown.get("statusCode"));
        JsonAssert.assertContains("{\"error\":{\"type\":\"validation\",\"fields\":[{\"field\":\"instance\"}]}}",
                (String) unknown.get("body"));
        assertTrue(!((String) broken.get("body")).contains("\tat "), "no stack trace");
    }

    @Test
    void pathParametersJoinTheBody() {
        PrismaticCases.Case c = PrismaticCases.ALL.get(0);
        prismatic.stubData(c.operation(), c.data());
        String body = "{\"force\":true}";

        Map<String, Object> response = parse(handle("deploy-instance", LambdaEvents.apiGatewayV2(
                "/prismatic/deploy-instance/SW5zdGFuY2U6MQ==", body, signedTimestamped(body),
                Map.of("instanceId", "SW5zdGFuY2U6MQ=="), false)));

        assertEquals(200, response.get("statusCode"), response::toString);
        assertEquals(JsonAssert.parse(c.variables()),
                PrismaticStub.variables(prismatic.requests(c.operation()).get(0)));
    }

    @Test
    void platformErrorsBecomeTheStatusesWebhookCallersExpect() {
        String body = "{\"instanceId\":\"x\"}";
        prismatic.stub("instance", json(200, "{\"data\":{\"instance\":null},\"errors\":[{\"message\":"
                + "\"Instance matching query does not exist.\"}]}"));
        prismatic.stub("deployInstance", aResponse().withStatus(429).withHeader("Retry-After", "120"));
        prismatic.stub("updateInstance", json(200, "{\"data\":null,\"errors\":[{\"message\":\"Boom\"}]}"));
        prismatic.stub("publishIntegration", json(200, "{\"data\":{\"publishIntegration\":{\"integration\":null,"
                + "\"errors\":[{\"field\":\"__all__\",\"messages\":[\"There are no unpublished changes.\"]}]}}}"));
        prismatic.stub("testIntegrationFlow", aResponse().withStatus(504));

        assertEquals(404, status("get-instance", body));
        assertEquals(429, status("deploy-instance", body));
        assertEquals(502, status("disable-instance", body));
        assertEquals(409, status("publish-integration-version", "{\"integrationId\":\"x\"}"));
        Map<String, Object> unknown = parse(handle("test-flow", LambdaEvents.apiGatewayV2(route("test-flow"),
                "{\"flowId\":\"f\"}", signedTimestamped("{\"flowId\":\"f\"}"), Map.of(), false)));
        assertEquals(504, unknown.get("statusCode"));
        assertEquals(Map.of("Content-Type", "application/json"), unknown.get("headers"), "no Retry-After invitation");
        JsonAssert.assertContains("{\"error\":{\"type\":\"indeterminate\"}}", (String) unknown.get("body"));
    }

    private Object status(String action, String body) {
        return parse(handle(action, LambdaEvents.apiGatewayV2(route(action), body, signedTimestamped(body), Map.of(),
                false))).get("statusCode");
    }

    @Test
    void poisonedSqsBatchReturnsOnlyTheRetryableRecord() {
        // GIVEN a batch: a good deploy, an invalid input, and a deploy Prismatic cannot take right now
        prismatic.server().stubFor(PrismaticStub.operation("deployInstance")
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.variables.id", com.github.tomakehurst.wiremock.client.WireMock.equalTo("good")))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"data\":"
                        + PrismaticCases.ALL.get(0).data() + "}")));
        prismatic.server().stubFor(PrismaticStub.operation("deployInstance")
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.variables.id", com.github.tomakehurst.wiremock.client.WireMock.equalTo("busy")))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        String good = UUID.randomUUID().toString();
        String invalid = UUID.randomUUID().toString();
        String busy = UUID.randomUUID().toString();

        // WHEN the batch is handled
        String response = handle("deploy-instance", LambdaEvents.sqs(good, "{\"instanceId\":\"good\"}",
                invalid, "{\"instanceId\":42}", busy, "{\"instanceId\":\"busy\"}"));

        // THEN only the transient failure goes back to the queue; the invalid one is reported, not retried forever
        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", busy))), parse(response));
        assertEquals(2, prismatic.requests("deployInstance").size());
    }

    @Test
    void redeliveredWebhookDeploysOnceAndAnswersTheSameResult() {
        PrismaticCases.Case c = PrismaticCases.ALL.get(0);
        prismatic.stubData(c.operation(), c.data());
        Map<String, String> headers = signedGitHub(c.input(), SECRET);

        String first = handle(c.action(), LambdaEvents.apiGatewayV2(route(c.action()), c.input(), headers, Map.of(),
                false));
        String second = handle(c.action(), LambdaEvents.apiGatewayV2(route(c.action()), c.input(), headers,
                Map.of(), false));

        assertEquals(1, prismatic.requests(c.operation()).size());
        assertEquals(parse(first).get("body"), parse(second).get("body"));
        assertEquals(200, parse(second).get("statusCode"));
    }

    @Test
    void redeliveredSqsMessagePublishesOnce() {
        PrismaticCases.Case c = PrismaticCases.ALL.stream()
                .filter(x -> x.action().equals("publish-integration-version")).findFirst().orElseThrow();
        prismatic.stubData(c.operation(), c.data());
        String id = UUID.randomUUID().toString();

        handle(c.action(), LambdaEvents.sqs(id, c.input()));
        handle(c.action(), LambdaEvents.sqs(id, c.input()));

        assertEquals(1, prismatic.requests(c.operation()).size());
    }

    @Test
    void readActionsAreNotDeduplicated() {
        PrismaticCases.Case c = PrismaticCases.ALL.stream().filter(x -> x.action().equals("get-customer"))
                .findFirst().orElseThrow();
        prismatic.stubData(c.operation(), c.data());
        String id = UUID.randomUUID().toString();

        handle(c.action(), LambdaEvents.sqs(id, c.input()));
        handle(c.action(), LambdaEvents.sqs(id, c.input()));

        assertEquals(2, prismatic.requests(c.operation()).size());
    }

    @Test
    void anUnknownOutcomeIsNotHandedBackAndARedeliveryDoesNotRepeatIt() {
        // GIVEN a deploy that times out at the gateway, and an instance that does not show it applied
        PrismaticCases.Case c = PrismaticCases.ALL.get(0);
        prismatic.stub(c.operation(), aResponse().withStatus(504));
        prismatic.stubData("instance", "{\"instance\":{\"id\":\"i\",\"lastDeployedAt\":\"2020-01-01T00:00:00Z\"}}");
        String id = UUID.randomUUID().toString();

        // WHEN SQS delivers the message, delivers it again (a visibility timeout ran out), and a webhook with the
        // same key arrives
        String first = handle(c.action(), LambdaEvents.sqs(id, c.input()));
        String again = handle(c.action(), LambdaEvents.sqs(id, c.input()));
        String byWebhook = handle(c.action(), LambdaEvents.apiGatewayV2(route(c.action()), c.input(),
                Map.of("X-Ipaas-Signature", signedTimestamped(c.input()).get("X-Ipaas-Signature"),
                        "Idempotency-Key", id), Map.of(), false));

        // THEN the deploy was sent once; neither delivery is handed back to be repeated blindly
        assertEquals(Map.of("batchItemFailures", List.of()), parse(first));
        assertEquals(Map.of("batchItemFailures", List.of()), parse(again));
        assertEquals(504, parse(byWebhook).get("statusCode"));
        assertTrue(String.valueOf(parse(byWebhook).get("body")).contains("unknown outcome"), byWebhook);
        assertEquals(1, prismatic.requests(c.operation()).size());
    }

    @Test
    void failedRunReleasesTheKeySoARetryRuns() {
        PrismaticCases.Case c = PrismaticCases.ALL.get(0);
        prismatic.stub(c.operation(), aResponse().withStatus(429).withHeader("Retry-After", "120"));
        String id = UUID.randomUUID().toString();

        String failed = handle(c.action(), LambdaEvents.sqs(id, c.input()));
        prismatic.stubData(c.operation(), c.data());
        String retried = handle(c.action(), LambdaEvents.sqs(id, c.input()));

        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", id))), parse(failed));
        assertEquals(Map.of("batchItemFailures", List.of()), parse(retried));
        assertEquals(2, prismatic.requests(c.operation()).size());
    }

    @Test
    void directAndEventBridgeFailuresAreThrownWithTheirType() {
        assertThrows(ValidationException.class, () -> handle("deploy-instance", "{\"force\":true}"));
        assertThrows(ValidationException.class, () -> handle("deploy-instance",
                LambdaEvents.eventBridge(UUID.randomUUID().toString(), "{}")));
    }

    @Test
    void plainScheduleWithEmptyDetailRunsAnActionWithoutInputs() {
        prismatic.stubData("authenticatedUser", PrismaticCases.ALL.get(2).data());

        JsonAssert.assertContains(PrismaticCases.ALL.get(2).expected(),
                handle("get-current-user", LambdaEvents.eventBridge(UUID.randomUUID().toString(), "{}")));
    }
}
