package io.ipaasops.triggers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.ipaasops.testing.PrismaticStub.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.core.Action;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.InputBinder;
import io.ipaasops.core.ValidationException;
import io.ipaasops.prismatic.PrismaticAuth;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.DynamoDbLocal;
import io.ipaasops.testing.LambdaEvents;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.testing.SignedHeaders;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The triggers where they live: webhooks are authenticated, SQS batches lose nothing, repeated deliveries run once. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "prism.refresh-token", value = PrismaticStub.REFRESH_TOKEN)
@Property(name = "webhook.secret", value = TriggersTest.SECRET + "," + TriggersTest.OLD_SECRET)
@Property(name = "idempotency.table", value = "ipaas-idempotency")
@Property(name = "ipaas.retry.base-delay", value = "10ms")
class TriggersTest implements TestPropertyProvider {

    static final String SECRET = "whsec-current-0123456789abcdef";
    static final String OLD_SECRET = "whsec-previous-fedcba9876543210";
    private static final String DEPLOY_INPUT = "{\"instanceId\":\"SW5zdGFuY2U6MQ==\",\"force\":true}";
    private static final String INSTANCE = "{\"id\":\"SW5zdGFuY2U6MQ==\",\"name\":\"Acme Sync\",\"needsDeploy\":false}";
    private static final String DEPLOYED = "{\"deployInstance\":{\"instance\":" + INSTANCE + ",\"errors\":[]}}";

    private final PrismaticStub prismatic = new PrismaticStub();
    private final DynamoDbLocal dynamoDb = new DynamoDbLocal();

    @Inject
    EventAdapter adapter;

    @Inject
    PrismaticAuth auth;

    @Inject
    InputBinder binder;

    @Override
    public Map<String, String> getProperties() {
        AwsTestEnvironment.configure();
        dynamoDb.createIdempotencyTable("ipaas-idempotency");
        return Map.of("prismatic.url", prismatic.url(), "ipaas.dynamodb.endpoint", dynamoDb.endpoint());
    }

    @BeforeEach
    void reset() {
        prismatic.reset();
        auth.invalidate(prismatic.accessToken());
    }

    @AfterEach
    void everyRequestMatchedPrismaticsSchema() {
        assertEquals(List.of(), prismatic.graphQlProblems());
    }

    @AfterAll
    void stop() {
        prismatic.close();
        dynamoDb.close();
    }

    private String handle(Action<?, ?> action, String event) {
        return new String(adapter.handle(action, event.getBytes(StandardCharsets.UTF_8),
                Deadline.in(Duration.ofSeconds(30))), StandardCharsets.UTF_8);
    }

    private static String route(Action<?, ?> action) {
        return action.route();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        return Json.read(json, Map.class);
    }

    private Map<String, Object> webhook(Action<?, ?> action, String body) {
        return parse(handle(action, LambdaEvents.apiGatewayV2(route(action), body,
                SignedHeaders.timestamped(SECRET, body), Map.of(), false)));
    }

    @Test
    void eachExampleEventGoesToItsTriggerAndAnythingElseIsDirect() {
        Map<String, String> events = Map.of("http-api", ExampleEvents.API_GATEWAY_V2.json(),
                "rest-api", ExampleEvents.API_GATEWAY_V1.json(), "sqs", ExampleEvents.SQS.json(),
                "eventbridge", ExampleEvents.EVENTBRIDGE_SCHEDULE.json(), "direct", DEPLOY_INPUT);

        events.forEach((trigger, json) -> assertEquals(trigger,
                adapter.triggerFor(binder.parse(json.getBytes(StandardCharsets.UTF_8))).name()));
        assertEquals("direct", adapter.triggerFor(binder.parse("[1]".getBytes(StandardCharsets.UTF_8))).name());
    }

    @Test
    void bothPayloadVersionsAndBothSignatureSchemesRunTheAction() {
        prismatic.stubData("deployInstance", DEPLOYED);

        Map<String, Object> v2 = webhook(FixtureActions.DEPLOY, DEPLOY_INPUT);
        Map<String, Object> v1 = parse(handle(FixtureActions.DEPLOY, LambdaEvents.apiGatewayV1(
                route(FixtureActions.DEPLOY), DEPLOY_INPUT, SignedHeaders.github(OLD_SECRET, DEPLOY_INPUT), true)));

        assertEquals(200, v2.get("statusCode"), v2::toString);
        assertEquals(200, v1.get("statusCode"), v1::toString);
        assertEquals("application/json", ((Map<?, ?>) v2.get("headers")).get("Content-Type"));
        assertTrue(((String) v1.get("body")).contains("Acme Sync"), v1::toString);
    }

    @Test
    void forgedWebhookGets401AndRunsNothing() {
        prismatic.stubData("deployInstance", DEPLOYED);

        Map<String, Object> response = parse(handle(FixtureActions.DEPLOY, LambdaEvents.apiGatewayV2(
                "/prismatic/deploy-instance", DEPLOY_INPUT, SignedHeaders.github("not-our-secret", DEPLOY_INPUT),
                Map.of(), false)));

        assertEquals(401, response.get("statusCode"));
        assertTrue(((String) response.get("body")).contains("\"type\":\"unauthorized\""));
        assertEquals(0, prismatic.requests("deployInstance").size());
    }

    @Test
    void replayedWebhookOutsideToleranceGets401() {
        long tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond();
        Map<String, String> headers = Map.of("X-Ipaas-Signature", WebhookSignature.timestampedHeader(SECRET,
                DEPLOY_INPUT.getBytes(StandardCharsets.UTF_8), tenMinutesAgo));

        Map<String, Object> response = parse(handle(FixtureActions.DEPLOY,
                LambdaEvents.apiGatewayV1("/prismatic/deploy-instance", DEPLOY_INPUT, headers, false)));

        assertEquals(401, response.get("statusCode"));
        assertEquals(0, prismatic.requests("deployInstance").size());
    }

    @Test
    void unsignedWebhookGets401() {
        Map<String, Object> response = parse(handle(FixtureActions.GET_CUSTOMER, LambdaEvents.apiGatewayV2(
                "/prismatic/get-customer", "{\"customerId\":\"x\"}", Map.of(), Map.of(), false)));

        assertEquals(401, response.get("statusCode"));
    }

    @Test
    void badWebhookInputGets400WithTheFieldNeverA500() {
        Map<String, Object> broken = webhook(FixtureActions.DEPLOY, "{\"instanceId\": ");
        Map<String, Object> unknown = webhook(FixtureActions.DEPLOY, "{\"instanceId\":\"x\",\"instance\":\"y\"}");

        assertEquals(400, broken.get("statusCode"));
        assertEquals(400, unknown.get("statusCode"));
        assertTrue(((String) unknown.get("body")).contains("{\"field\":\"instance\""), unknown::toString);
        assertFalse(((String) broken.get("body")).contains("\tat "), "no stack trace");
    }

    @Test
    void pathParametersJoinTheBody() {
        prismatic.stubData("deployInstance", DEPLOYED);
        String body = "{\"force\":true}";

        Map<String, Object> response = parse(handle(FixtureActions.DEPLOY, LambdaEvents.apiGatewayV2(
                "/prismatic/deploy-instance/SW5zdGFuY2U6MQ==", body, SignedHeaders.timestamped(SECRET, body),
                Map.of("instanceId", "SW5zdGFuY2U6MQ=="), false)));

        assertEquals(200, response.get("statusCode"), response::toString);
        assertEquals(Map.of("id", "SW5zdGFuY2U6MQ==", "force", true),
                PrismaticStub.variables(prismatic.requests("deployInstance").get(0)));
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

        assertEquals(404, webhook(FixtureActions.GET_INSTANCE, body).get("statusCode"));
        Map<String, Object> later = webhook(FixtureActions.DEPLOY, body);
        assertEquals(429, later.get("statusCode"));
        assertEquals("30", ((Map<?, ?>) later.get("headers")).get("Retry-After"));
        assertEquals(502, webhook(FixtureActions.DISABLE, body).get("statusCode"));
        assertEquals(409, webhook(FixtureActions.PUBLISH, "{\"integrationId\":\"x\"}").get("statusCode"));
    }

    @Test
    void anUnknownOutcomeIs504WithoutAnInvitationToRetry() {
        prismatic.stub("deployInstance", aResponse().withStatus(504));
        prismatic.stub("instance", aResponse().withStatus(500));

        Map<String, Object> unknown = webhook(FixtureActions.DEPLOY, "{\"instanceId\":\"x\"}");

        assertEquals(504, unknown.get("statusCode"));
        assertEquals(Map.of("Content-Type", "application/json"), unknown.get("headers"));
        assertTrue(((String) unknown.get("body")).contains("\"type\":\"indeterminate\""), unknown::toString);
        assertEquals(1, prismatic.requests("deployInstance").size());
    }

    @Test
    void poisonedSqsBatchReturnsOnlyTheRetryableRecord() {
        // GIVEN a batch: a good deploy, an invalid input, and a deploy Prismatic cannot take right now
        prismatic.server().stubFor(PrismaticStub.operation("deployInstance")
                .withRequestBody(matchingJsonPath("$.variables.id", equalTo("good")))
                .willReturn(okJson("{\"data\":" + DEPLOYED + "}")));
        prismatic.server().stubFor(PrismaticStub.operation("deployInstance")
                .withRequestBody(matchingJsonPath("$.variables.id", equalTo("busy")))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));
        String good = UUID.randomUUID().toString();
        String invalid = UUID.randomUUID().toString();
        String busy = UUID.randomUUID().toString();

        // WHEN the batch is handled
        String response = handle(FixtureActions.DEPLOY, LambdaEvents.sqs(good, "{\"instanceId\":\"good\"}",
                invalid, "{\"instanceId\":42}", busy, "{\"instanceId\":\"busy\"}"));

        // THEN only the transient failure goes back to the queue; the invalid one is reported, not retried forever
        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", busy))), parse(response));
        assertEquals(2, prismatic.requests("deployInstance").size());
    }

    @Test
    void recordsTheRemainingTimeCannotCoverGoBackUnrun() {
        prismatic.stubData("deployInstance", DEPLOYED);
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        String response = new String(adapter.handle(FixtureActions.DEPLOY, LambdaEvents.sqs(first, DEPLOY_INPUT,
                second, DEPLOY_INPUT).getBytes(StandardCharsets.UTF_8), Deadline.in(Duration.ofMillis(1500))),
                StandardCharsets.UTF_8);

        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", first),
                Map.of("itemIdentifier", second))), parse(response));
        assertEquals(0, prismatic.requests("deployInstance").size());
    }

    @Test
    void redeliveredWebhookDeploysOnceAndAnswersTheSameResult() {
        prismatic.stubData("deployInstance", DEPLOYED);
        Map<String, String> headers = SignedHeaders.github(SECRET, DEPLOY_INPUT);

        String first = handle(FixtureActions.DEPLOY, LambdaEvents.apiGatewayV2(route(FixtureActions.DEPLOY),
                DEPLOY_INPUT, headers, Map.of(), false));
        String second = handle(FixtureActions.DEPLOY, LambdaEvents.apiGatewayV2(route(FixtureActions.DEPLOY),
                DEPLOY_INPUT, headers, Map.of(), false));

        assertEquals(1, prismatic.requests("deployInstance").size());
        assertEquals(parse(first).get("body"), parse(second).get("body"));
        assertEquals(200, parse(second).get("statusCode"));
    }

    @Test
    void redeliveredSqsMessageAndEventBridgeEventRunOnce() {
        prismatic.stubData("publishIntegration", "{\"publishIntegration\":{\"integration\":{\"id\":\"v2\"},"
                + "\"errors\":[]}}");
        String id = UUID.randomUUID().toString();
        String input = "{\"integrationId\":\"SW50ZWdyYXRpb246MQ==\"}";

        handle(FixtureActions.PUBLISH, LambdaEvents.sqs(id, input));
        handle(FixtureActions.PUBLISH, LambdaEvents.sqs(id, input));
        handle(FixtureActions.PUBLISH, LambdaEvents.eventBridge(id + "-eb", input));
        handle(FixtureActions.PUBLISH, LambdaEvents.eventBridge(id + "-eb", input));

        assertEquals(2, prismatic.requests("publishIntegration").size());
    }

    @Test
    void readActionsAreNotDeduplicated() {
        prismatic.stubData("customer", "{\"customer\":{\"id\":\"c\",\"name\":\"Acme\"}}");
        String id = UUID.randomUUID().toString();

        handle(FixtureActions.GET_CUSTOMER, LambdaEvents.sqs(id, "{\"customerId\":\"c\"}"));
        handle(FixtureActions.GET_CUSTOMER, LambdaEvents.sqs(id, "{\"customerId\":\"c\"}"));

        assertEquals(2, prismatic.requests("customer").size());
    }

    @Test
    void failedRunReleasesTheKeySoARetryRuns() {
        prismatic.stub("deployInstance", aResponse().withStatus(429).withHeader("Retry-After", "120"));
        String id = UUID.randomUUID().toString();

        String failed = handle(FixtureActions.DEPLOY, LambdaEvents.sqs(id, DEPLOY_INPUT));
        prismatic.stubData("deployInstance", DEPLOYED);
        String retried = handle(FixtureActions.DEPLOY, LambdaEvents.sqs(id, DEPLOY_INPUT));

        assertEquals(Map.of("batchItemFailures", List.of(Map.of("itemIdentifier", id))), parse(failed));
        assertEquals(Map.of("batchItemFailures", List.of()), parse(retried));
        assertEquals(2, prismatic.requests("deployInstance").size());
    }

    @Test
    void anUnknownOutcomeIsNotHandedBackAndARedeliveryDoesNotRepeatIt() {
        // GIVEN a deploy that times out at the gateway, and an instance that does not show it applied
        prismatic.stub("deployInstance", aResponse().withStatus(504));
        prismatic.stubData("instance", "{\"instance\":{\"id\":\"i\",\"lastDeployedAt\":\"2020-01-01T00:00:00Z\"}}");
        String id = UUID.randomUUID().toString();

        // WHEN SQS delivers the message, delivers it again (a visibility timeout ran out), and a webhook with the
        // same key arrives
        String first = handle(FixtureActions.DEPLOY, LambdaEvents.sqs(id, DEPLOY_INPUT));
        String again = handle(FixtureActions.DEPLOY, LambdaEvents.sqs(id, DEPLOY_INPUT));
        Map<String, Object> byWebhook = parse(handle(FixtureActions.DEPLOY, LambdaEvents.apiGatewayV2(
                route(FixtureActions.DEPLOY), DEPLOY_INPUT, Map.of("X-Ipaas-Signature",
                        SignedHeaders.timestamped(SECRET, DEPLOY_INPUT).get("X-Ipaas-Signature"), "Idempotency-Key", id),
                Map.of(), false)));

        // THEN the deploy was sent once; neither delivery is handed back to be repeated blindly
        assertEquals(Map.of("batchItemFailures", List.of()), parse(first));
        assertEquals(Map.of("batchItemFailures", List.of()), parse(again));
        assertEquals(504, byWebhook.get("statusCode"));
        assertTrue(String.valueOf(byWebhook.get("body")).contains("unknown outcome"), byWebhook::toString);
        assertEquals(1, prismatic.requests("deployInstance").size());
    }

    @Test
    void anOutputThatStartedWorkElsewhereIs202AndOneWithNothingToDoIs204WithoutABody() {
        String accepted = "{\"outcome\":\"ACCEPTED\"}";
        String nothing = "{\"outcome\":\"NOTHING_TO_DO\"}";

        Map<String, Object> started = webhook(FixtureActions.ACKNOWLEDGE, accepted);
        Map<String, Object> ignored = webhook(FixtureActions.ACKNOWLEDGE, nothing);
        String direct = handle(FixtureActions.ACKNOWLEDGE, nothing);

        assertEquals(202, started.get("statusCode"), started::toString);
        assertTrue(String.valueOf(started.get("body")).contains("\"reported\":\"ACCEPTED\""), started::toString);
        assertEquals(204, ignored.get("statusCode"), ignored::toString);
        assertEquals("", ignored.get("body"));
        assertEquals(Map.of(), ignored.get("headers"));
        assertTrue(direct.contains("\"reported\":\"NOTHING_TO_DO\""), "a direct caller still gets the output");
    }

    @Test
    void theActionSeesTheDeliveryItsTriggerCarried() {
        String input = "{\"outcome\":\"DONE\"}";
        String delivery = UUID.randomUUID().toString();
        String message = UUID.randomUUID().toString();
        Map<String, String> headers = SignedHeaders.gitHubDelivery(SECRET, "push", delivery, input);

        Map<String, Object> webhook = parse(handle(FixtureActions.ACKNOWLEDGE, LambdaEvents.apiGatewayV2(
                route(FixtureActions.ACKNOWLEDGE), input, headers, Map.of(), false)));
        String direct = handle(FixtureActions.ACKNOWLEDGE, input);
        Map<String, Object> scheduled = parse(handle(FixtureActions.ACKNOWLEDGE, LambdaEvents.eventBridge(message,
                input)));

        assertEquals(Map.of("event", "push", "delivery", delivery, "reported", "DONE"),
                parse((String) webhook.get("body")));
        assertEquals(Map.of("reported", "DONE"), withoutNulls(parse(direct)));
        assertEquals(Map.of("delivery", message, "reported", "DONE"), withoutNulls(scheduled));
    }

    @Test
    void aRedeliveryAnswersTheFirstRunsOutcomeToo() {
        String input = "{\"outcome\":\"ACCEPTED\"}";
        Map<String, String> headers = SignedHeaders.github(SECRET, input);
        int runs = FixtureActions.ACKNOWLEDGED.get();

        Map<String, Object> first = parse(handle(FixtureActions.ACKNOWLEDGE, LambdaEvents.apiGatewayV2(
                route(FixtureActions.ACKNOWLEDGE), input, headers, Map.of(), false)));
        Map<String, Object> again = parse(handle(FixtureActions.ACKNOWLEDGE, LambdaEvents.apiGatewayV2(
                route(FixtureActions.ACKNOWLEDGE), input, headers, Map.of(), false)));

        assertEquals(202, first.get("statusCode"));
        assertEquals(first, again);
        assertEquals(runs + 1, FixtureActions.ACKNOWLEDGED.get(), "the redelivery was answered from the store");
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> kept = new java.util.LinkedHashMap<>(map);
        kept.values().removeIf(java.util.Objects::isNull);
        return kept;
    }

    @Test
    void directAndEventBridgeFailuresAreThrownWithTheirType() {
        assertThrows(ValidationException.class, () -> handle(FixtureActions.DEPLOY, "{\"force\":true}"));
        assertThrows(ValidationException.class, () -> handle(FixtureActions.DEPLOY,
                LambdaEvents.eventBridge(UUID.randomUUID().toString(), "{}")));
    }

    @Test
    void aWorkflowStepTheEngineRunsTwiceDeploysOnceAndAnswersTheFirstResult() {
        // GIVEN a Step Functions task retried after its first attempt applied (a Lambda timeout, say)
        prismatic.stubData("deployInstance", DEPLOYED);
        String step = "{\"workflowStep\":{\"key\":\"release-42/deploy/SW5zdGFuY2U6MQ==\",\"input\":" + DEPLOY_INPUT
                + "}}";

        String first = handle(FixtureActions.DEPLOY, step);
        String again = handle(FixtureActions.DEPLOY, step);

        // THEN the platform saw one deploy and both attempts answered the same
        assertEquals(1, prismatic.requests("deployInstance").size());
        assertEquals(first, again);
        assertEquals("workflow-step", adapter.triggerFor(binder.parse(step.getBytes(StandardCharsets.UTF_8))).name());
    }
}
