package io.ipaasops.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static io.ipaasops.testing.PrismaticStub.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.testing.JsonAssert;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.ValidationException;
import io.ipaasops.prismatic.PrismaticAuth;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.DynamoDbLocal;
import io.ipaasops.testing.GitHubStub;
import io.ipaasops.testing.LambdaEvents;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.testing.SignedHeaders;
import io.ipaasops.testing.StepFunctionsStub;
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

/** Every action answers every trigger shape; a handler runs in-process on the context it is given. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "prism.refresh-token", value = PrismaticStub.REFRESH_TOKEN)
@Property(name = "versori.api-key", value = VersoriStub.API_KEY)
@Property(name = "versori.organisation-id", value = VersoriStub.ORG)
@Property(name = "webhook.secret", value = ActionTriggersTest.SECRET + "," + ActionTriggersTest.OLD_SECRET)
@Property(name = "idempotency.table", value = "ipaas-idempotency")
@Property(name = "ipaas.retry.base-delay", value = "10ms")
class ActionTriggersTest implements TestPropertyProvider {

    static final String SECRET = "whsec-current-0123456789abcdef";
    static final String OLD_SECRET = "whsec-previous-fedcba9876543210";

    /** The trigger shapes a handler must answer. */
    enum Shape { DIRECT, EVENTBRIDGE, API_V2, API_V1, SQS }

    private final PrismaticStub prismatic = new PrismaticStub();
    private final VersoriStub versori = new VersoriStub();
    private final DynamoDbLocal dynamoDb = new DynamoDbLocal();
    private final GitHubStub github = new GitHubStub();
    private final StepFunctionsStub sfn = new StepFunctionsStub();

    @Inject
    EventAdapter adapter;

    @Inject
    io.micronaut.context.ApplicationContext context;

    @Inject
    PrismaticAuth auth;

    @Override
    public Map<String, String> getProperties() {
        AwsTestEnvironment.configure();
        dynamoDb.createIdempotencyTable("ipaas-idempotency");
        Map<String, String> properties = new java.util.HashMap<>(GitHubCases.properties(github, sfn));
        properties.putAll(Map.of("prismatic.url", prismatic.url(), "versori.url", versori.url(),
                "ipaas.dynamodb.endpoint", dynamoDb.endpoint()));
        return properties;
    }

    /** One action's example, from whichever platform it drives, and the status its webhook answers. */
    record ActionCase(String action, String input, String expected, int status, Object platformCase) {

        @Override
        public String toString() {
            return action;
        }
    }

    static List<ActionCase> actionCases() {
        List<ActionCase> cases = new ArrayList<>();
        PrismaticCases.ALL.forEach(c -> cases.add(new ActionCase(c.action(), c.input(), c.expected(), 200, c)));
        VersoriCases.ALL.forEach(c -> cases.add(new ActionCase(c.action(), c.input(), c.expected(), 200, c)));
        GitHubCases.ALL.forEach(c -> cases.add(new ActionCase(c.action(), c.input(), c.expected(), c.status(), c)));
        return cases;
    }

    static Stream<Arguments> everyActionAndShape() {
        return actionCases().stream().flatMap(c -> Stream.of(Shape.values()).map(s -> Arguments.of(c, s)));
    }

    @BeforeEach
    void reset() {
        prismatic.reset();
        versori.reset();
        github.reset();
        sfn.reset();
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
        github.close();
        sfn.close();
    }

    private void stub(ActionCase c) {
        if (c.platformCase() instanceof PrismaticCases.Case p) {
            prismatic.stubData(p.operation(), p.data());
        } else if (c.platformCase() instanceof GitHubCases.Case) {
            GitHubCases.stub(github);
        } else {
            ((VersoriCases.Case) c.platformCase()).stub(versori);
        }
    }

    private int calls(ActionCase c) {
        if (c.platformCase() instanceof PrismaticCases.Case p) {
            return prismatic.requests(p.operation()).size();
        }
        if (c.platformCase() instanceof GitHubCases.Case) {
            return github.requests(GitHubStub.REPOSITORY).size() + sfn.starts().size();
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
        return Actions.named(action).orElseThrow().route();
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
                        c.input(), SignedHeaders.timestamped(SECRET, c.input()), Map.of(), false)));
                assertEquals(c.status(), response.get("statusCode"), response::toString);
                assertEquals("application/json", ((Map<?, ?>) response.get("headers")).get("Content-Type"));
                JsonAssert.assertContains(c.expected(), (String) response.get("body"));
            }
            case API_V1 -> {
                Map<String, Object> response = parse(handle(c.action(), LambdaEvents.apiGatewayV1(route(c.action()),
                        c.input(), SignedHeaders.github(OLD_SECRET, c.input()), true)));
                assertEquals(c.status(), response.get("statusCode"), response::toString);
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
    void handleRequestRunsInProcessOnTheContextItIsGiven() throws Exception {
        // GIVEN every handler on this test's context, as the local host builds them
        PrismaticCases.Case c = PrismaticCases.ALL.get(0);
        stub(new ActionCase(c.action(), c.input(), c.expected(), 200, c));
        ActionFunction<?, ?> handler = Actions.on(context).stream().filter(a -> a.name().equals(c.action()))
                .findFirst().orElseThrow();

        // WHEN Lambda's entry point is called with an SQS event
        var out = new java.io.ByteArrayOutputStream();
        handler.handleRequest(new java.io.ByteArrayInputStream(LambdaEvents.sqs(UUID.randomUUID().toString(),
                c.input()).getBytes(StandardCharsets.UTF_8)), out, null);

        // THEN it answered in the trigger's shape, on the given context, which it leaves running when closed
        assertEquals(Map.of("batchItemFailures", List.of()), parse(out.toString(StandardCharsets.UTF_8)));
        assertEquals(1, prismatic.requests(c.operation()).size());
        handler.close();
        assertTrue(context.isRunning());
    }
}
