package io.ipaasops.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.ipaasops.testing.PrismaticStub.json;
import static io.ipaasops.testing.PrismaticStub.operation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipaasops.testing.JsonAssert;
import io.ipaasops.core.Action;
import io.ipaasops.core.ActionException;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.Platform;
import io.ipaasops.core.FieldError;
import io.ipaasops.functions.PrismaticCases.Case;
import io.ipaasops.prismatic.GraphQlOperations;
import io.ipaasops.prismatic.PrismaticAuth;
import io.ipaasops.testing.PrismaticStub;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Prismatic action on the wire: its exact request, its mapped result, and each of its error paths. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "prism.refresh-token", value = PrismaticStub.REFRESH_TOKEN)
@Property(name = "ipaas.retry.max-attempts", value = "3")
@Property(name = "ipaas.retry.base-delay", value = "10ms")
class PrismaticActionsTest implements TestPropertyProvider {

    private final PrismaticStub stub = new PrismaticStub();

    @Inject
    ActionInvoker invoker;

    @Inject
    PrismaticAuth auth;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("prismatic.url", stub.url());
    }

    static Stream<Case> cases() {
        return PrismaticCases.ALL.stream();
    }

    static Stream<Case> mutations() {
        return cases().filter(Case::mutation);
    }

    static Stream<Case> withRequiredInput() {
        return cases().filter(c -> c.required() != null);
    }

    @BeforeEach
    void reset() {
        stub.reset();
        auth.invalidate(stub.accessToken());
    }

    @AfterEach
    void everyRequestWasValidAgainstPrismaticSchema() {
        assertEquals(List.of(), stub.graphQlProblems());
    }

    @AfterAll
    void stop() {
        stub.close();
    }

    private String run(Case c) {
        return run(c.action(), c.input());
    }

    private String run(String action, String input) {
        byte[] out = invoker.invoke(Actions.named(action).orElseThrow(), input.getBytes(StandardCharsets.UTF_8),
                Deadline.in(Duration.ofSeconds(30)));
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void everyPrismaticActionHasAWireCase() {
        List<String> listed = Actions.all().stream().filter(a -> a.platform() == Platform.PRISMATIC)
                .map(a -> a.name()).sorted().toList();

        assertEquals(listed, cases().map(Case::action).sorted().toList());
        assertEquals(20, listed.size(), "the 18 of Prismatic's own connector, move-instance-to-version, plan-rollout");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sendsTheExactRequestAndReturnsTheMappedResult(Case c) {
        // GIVEN Prismatic answers the operation
        stub.stubData(c.operation(), c.data());

        // WHEN the action runs
        String output = run(c);

        // THEN it sent the operation once with exactly the expected variables and the bearer token
        var requests = stub.requests(c.operation());
        assertEquals(1, requests.size());
        assertEquals(JsonAssert.parse(c.variables()), PrismaticStub.variables(requests.get(0)));
        assertEquals("Bearer " + stub.accessToken(), requests.get(0).getHeader("Authorization"));
        JsonAssert.assertContains(c.expected(), output);
        // AND a changing action sends a mutation (never retried blindly), a reading one a query (retried)
        Action.Effect effect = Actions.named(c.action()).orElseThrow().effect();
        assertEquals(c.mutation(), GraphQlOperations.mayChange(PrismaticStub.query(requests.get(0)), null));
        assertTrue(!c.mutation() || effect == Action.Effect.WRITE, "a mutation is sent by a changing action only");
    }

    @ParameterizedTest
    @MethodSource("withRequiredInput")
    void missingRequiredInputIsAValidationErrorNamingTheField(Case c) {
        ActionException e = assertThrows(ActionException.class, () -> run(c.action(), "{}"));

        assertEquals("validation", e.type());
        assertTrue(e.fields().contains(new FieldError(c.required(), "is required")), e.fields()::toString);
        assertEquals(0, stub.requests(c.operation()).size());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void unknownOrMistypedInputIsAValidationErrorNamingTheField(Case c) {
        String input = c.input().substring(0, c.input().lastIndexOf('}'))
                + (c.input().trim().equals("{}") ? "" : ",") + "\"instanceID\":1}";

        ActionException e = assertThrows(ActionException.class, () -> run(c.action(), input));

        assertEquals("validation", e.type());
        assertEquals("instanceID", e.fields().get(0).field());
    }

    @ParameterizedTest
    @MethodSource("mutations")
    void mutationFieldErrorsAreValidationErrorsWithTheirFields(Case c) {
        String payload = c.data().substring(2, c.data().indexOf('"', 2));
        stub.stubData(c.operation(), "{\"" + payload + "\":{\"errors\":[{\"field\":\"name\",\"messages\":"
                + "[\"This field is required.\"]}]}}");

        ActionException e = assertThrows(ActionException.class, () -> run(c));

        assertEquals("validation", e.type());
        assertEquals(List.of(new FieldError("name", "This field is required.")), e.fields());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void topLevelErrorsAreUpstreamErrors(Case c) {
        stub.stub(c.operation(), json(200, "{\"data\":null,\"errors\":[{\"message\":\"Internal failure\","
                + "\"locations\":[{\"line\":1,\"column\":1}]}]}"));

        ActionException e = assertThrows(ActionException.class, () -> run(c));

        assertEquals("upstream", e.type());
        assertEquals("Prismatic: Internal failure", e.getMessage());
    }

    // Retries, token refresh and malformed answers are the client's, tested once there (PrismaticClientTest,
    // UnknownOutcomeTest); what decides them per action is whether its document is a mutation, checked above.

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "list-instances|{\"first\":0}|first", "list-instances|{\"first\":101}|first",
        "list-customers|{\"last\":500}|last", "list-integrations|{\"offset\":-1}|offset",
        "list-flows|{\"integrationId\":\"x\",\"first\":1000}|first", "list-components|{\"first\":-5}|first"})
    void pageBoundsAreValidationErrorsNamingTheFieldAndSendNothing(String action, String input, String field) {
        ActionException e = assertThrows(ActionException.class, () -> run(action, input));

        assertEquals("validation", e.type());
        assertEquals(field, e.fields().get(0).field());
        assertEquals(0, stub.server().getAllServeEvents().stream()
                .filter(r -> r.getRequest().getUrl().equals("/api")).count());
    }

    @Test
    void notFoundIsItsOwnType() {
        stub.stub("instance", json(200, "{\"data\":{\"instance\":null},\"errors\":[{\"message\":"
                + "\"Instance matching query does not exist.\"}]}"));

        ActionException e = assertThrows(ActionException.class,
                () -> run("get-instance", "{\"instanceId\":\"SW5zdGFuY2U6OTk=\"}"));

        assertEquals("not_found", e.type());
    }

    @Test
    void listInstancesWithAllFollowsEveryPage() {
        for (int page = 0; page < 2; page++) {
            var mapping = operation("listInstances").withRequestBody(page == 0
                    ? com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"after\"")
                    : com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.variables.after"));
            stub.server().stubFor(mapping.willReturn(okJson("{\"data\":{\"instances\":{\"nodes\":["
                    + PrismaticCases.INSTANCE.replace("SW5zdGFuY2U6MQ==", "i" + page) + "],\"pageInfo\":{"
                    + "\"hasNextPage\":" + (page == 0) + ",\"hasPreviousPage\":false,\"startCursor\":\"s\","
                    + "\"endCursor\":\"e" + page + "\"},\"totalCount\":2}}}")));
        }

        String output = run("list-instances", "{\"needsDeploy\":true,\"all\":true}");

        JsonAssert.assertContains("{\"nodes\":[{\"id\":\"i0\"},{\"id\":\"i1\"}],\"totalCount\":2,"
                + "\"pageInfo\":{\"hasNextPage\":false}}", output);
        assertEquals(2, stub.requests("listInstances").size());
    }
}
