package io.ipaasops.functions;

import static io.ipaasops.testing.GitHubStub.REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.Platform;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.GitHubPayloads;
import io.ipaasops.testing.GitHubStub;
import io.ipaasops.testing.JsonAssert;
import io.ipaasops.testing.LambdaEvents;
import io.ipaasops.testing.SignedHeaders;
import io.ipaasops.testing.StepFunctionsStub;
import io.ipaasops.triggers.EventAdapter;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The GitHub actions on the wire: reading a file, and GitHub's push webhook as API Gateway delivers it (signed,
 * with GitHub's headers) starting Step Functions executions.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "webhook.secret", value = GitHubActionsTest.SECRET)
class GitHubActionsTest implements TestPropertyProvider {

    static final String SECRET = "whsec-github-0123456789abcdef";

    private final GitHubStub github = new GitHubStub();
    private final StepFunctionsStub sfn = new StepFunctionsStub();

    @Inject
    ActionInvoker invoker;

    @Inject
    EventAdapter adapter;

    @Override
    public Map<String, String> getProperties() {
        AwsTestEnvironment.configure();
        return GitHubCases.properties(github, sfn);
    }

    @BeforeEach
    void reset() {
        github.reset();
        sfn.reset();
        GitHubCases.stub(github);
    }

    @AfterAll
    void stop() {
        github.close();
        sfn.close();
    }

    /** GitHub's delivery of {@code body} for {@code event}: signed, with its event and delivery headers. */
    private Map<String, Object> deliver(String event, String delivery, String body) {
        return send(LambdaEvents.apiGatewayV2("/github/push", body, SignedHeaders.gitHubDelivery(SECRET, event,
                delivery, body), Map.of(), false));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> send(String event) {
        return (Map<String, Object>) JsonAssert.parse(new String(adapter.handle(Actions.named("github-push")
                .orElseThrow(), event.getBytes(StandardCharsets.UTF_8), Deadline.in(Duration.ofSeconds(10))),
                StandardCharsets.UTF_8));
    }

    @Test
    void everyGitHubActionHasAWireCase() {
        assertEquals(Actions.all().stream().filter(a -> a.platform() == Platform.GITHUB).map(a -> a.name())
                .sorted().toList(), GitHubCases.ALL.stream().map(GitHubCases.Case::action).sorted().toList());
    }

    @Test
    void getGitHubFileReturnsTheFileAndMasksAnEchoedToken() {
        github.stubFile(REPOSITORY, "echo.txt", "main", "token: " + GitHubStub.TOKEN + "\n");

        String output = new String(invoker.invoke(Actions.named("get-github-file").orElseThrow(),
                ("{\"repository\":\"" + REPOSITORY + "\",\"path\":\"echo.txt\",\"ref\":\"main\"}")
                        .getBytes(StandardCharsets.UTF_8), Deadline.in(Duration.ofSeconds(10))),
                StandardCharsets.UTF_8);

        JsonAssert.assertContains("{\"path\":\"echo.txt\",\"ref\":\"main\",\"content\":\"token: ***\\n\"}", output);
        assertFalse(output.contains(GitHubStub.TOKEN), output);
    }

    @Test
    void aSignedPushStartsTheWatchedWorkflowsAndAnswers202WithTheExecutions() {
        // GIVEN GitHub delivers its push (Salesforce Sync's definition modified, Shopify's connector added)
        String delivery = UUID.randomUUID().toString();

        // WHEN it reaches the webhook
        Map<String, Object> response = deliver("push", delivery, GitHubPayloads.push());

        // THEN two executions started, named for the delivery, and the answer says which
        assertEquals(202, response.get("statusCode"), response::toString);
        List<StepFunctionsStub.Start> starts = sfn.starts();
        assertEquals(2, starts.size());
        assertTrue(starts.get(0).name().startsWith("release-" + delivery + "-"), starts::toString);
        assertTrue(starts.get(1).name().startsWith("sync-connector-" + delivery + "-"), starts::toString);
        JsonAssert.assertContains("{\"integrationId\":\"" + GitHubPayloads.INTEGRATION_ID + "\",\"source\":"
                + "{\"repository\":\"" + REPOSITORY + "\",\"path\":\"" + GitHubPayloads.INTEGRATION_PATH
                + "\",\"ref\":\"" + GitHubPayloads.AFTER + "\"}}", Json.write(starts.get(0).input()));
        JsonAssert.assertContains("{\"started\":[{\"workflow\":\"release\",\"execution\":\""
                + StepFunctionsStub.executionArn(StepFunctionsStub.RELEASE, starts.get(0).name()) + "\",\"name\":\""
                + starts.get(0).name() + "\",\"alreadyStarted\":false},{\"workflow\":\"sync-connector\",\"name\":\""
                + starts.get(1).name() + "\"}],\"ignored\":null}", (String) response.get("body"));
    }

    @Test
    void aRedeliveryAnswersTheSameExecutionsAsAlreadyStarted() {
        String delivery = UUID.randomUUID().toString();
        Map<String, Object> first = deliver("push", delivery, GitHubPayloads.push());
        sfn.starts().forEach(s -> sfn.alreadyExists(s.stateMachineArn(), s.name()));

        Map<String, Object> again = deliver("push", delivery, GitHubPayloads.push());

        assertEquals(202, again.get("statusCode"));
        assertEquals(((String) first.get("body")).replace("\"alreadyStarted\":false", "\"alreadyStarted\":true"),
                again.get("body"));
    }

    @Test
    void aPingIsAnsweredWithAPong() {
        Map<String, Object> response = deliver("ping", UUID.randomUUID().toString(), GitHubPayloads.ping());

        assertEquals(200, response.get("statusCode"));
        assertEquals(Map.of("pong", true, "zen", "Keep it logically awesome."),
                JsonAssert.parse((String) response.get("body")));
    }

    @Test
    void anUnsignedPushIs401AndStartsNothing() {
        Map<String, Object> response = send(LambdaEvents.apiGatewayV2("/github/push", GitHubPayloads.push(),
                Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", UUID.randomUUID().toString()), Map.of(),
                false));

        assertEquals(401, response.get("statusCode"));
        assertEquals(List.of(), sfn.starts());
    }

    @Test
    void aPushNothingWatchesIs202SayingWhatDidNotMatch() {
        Map<String, Object> response = deliver("push", UUID.randomUUID().toString(),
                GitHubPayloads.push(p -> p.put("ref", "refs/heads/experiment")));

        assertEquals(202, response.get("statusCode"));
        assertEquals(Map.of("started", List.of(), "ignored",
                "branch experiment of " + REPOSITORY + " is not watched (watched: main)"),
                JsonAssert.parse((String) response.get("body")));
        assertEquals(List.of(), sfn.starts());
    }

    @Test
    void aDeletedBranchStartsNothing() {
        Map<String, Object> response = deliver("push", UUID.randomUUID().toString(), GitHubPayloads.push(p -> {
            p.put("deleted", true);
            p.put("after", "0000000000000000000000000000000000000000");
            p.put("head_commit", null);
        }));

        assertEquals(202, response.get("statusCode"));
        assertTrue(((String) response.get("body")).contains("the push deleted refs/heads/main"), response::toString);
        assertEquals(List.of(), sfn.starts());
    }

    @Test
    void anyOtherEventIs204WithoutABody() {
        Map<String, Object> response = deliver("issues", UUID.randomUUID().toString(),
                "{\"action\":\"opened\",\"issue\":{\"number\":1}}");

        assertEquals(204, response.get("statusCode"));
        assertEquals("", response.get("body"));
        assertEquals(List.of(), sfn.starts());
    }

    @Test
    void aPushWithoutItsFieldsIsAValidationErrorNamingThem() {
        Map<String, Object> response = deliver("push", UUID.randomUUID().toString(), "{\"zen\":\"not a push\"}");

        assertEquals(400, response.get("statusCode"));
        JsonAssert.assertContains("{\"error\":{\"type\":\"validation\",\"fields\":[{\"field\":\"ref\"},"
                + "{\"field\":\"after\"},{\"field\":\"repository\"}]}}", (String) response.get("body"));
    }
}
