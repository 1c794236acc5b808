package io.ipaasops.prismatic;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ipaasops.testing.PrismaticStub.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.core.ConflictException;
import io.ipaasops.core.ErrorType;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.IndeterminateException;
import io.ipaasops.core.ValidationException;
import io.ipaasops.testing.MutableClock;
import io.ipaasops.testing.PrismaticStub;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Changes whose outcome is unknown: never repeated, decided by reading back where the platform allows it, else
 * reported as {@code indeterminate}; and refusals and broken documents typed as what they are.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "prism.refresh-token", value = PrismaticStub.REFRESH_TOKEN)
@Property(name = "ipaas.retry.base-delay", value = "10ms")
class UnknownOutcomeTest implements TestPropertyProvider {

    private static final String IMPORT = "importIntegration(input: {definition: \\\"name: x\\\"}) "
            + "{ integration { id } errors { field messages } }";

    private final PrismaticStub stub = new PrismaticStub();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    @Inject
    PrismaticClient client;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("prismatic.url", stub.url());
    }

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    @AfterEach
    void everyRequestWasValidGraphQl() {
        assertEquals(List.of(), stub.graphQlProblems());
    }

    @AfterAll
    void stop() {
        stub.close();
    }

    /** Raw mutations in the shapes a regular expression once took for queries, as JSON string contents. */
    static Stream<String> disguisedMutations() {
        return Stream.of(
                "fragment F on Integration { id } mutation { importIntegration(input: {definition: \\\"name: x\\\"})"
                        + " { integration { ...F } errors { field messages } } }",
                "\\uFEFFmutation { " + IMPORT + " }",
                ", mutation { " + IMPORT + " }",
                "# ends with a bare CR\\rmutation { " + IMPORT + " }");
    }

    @ParameterizedTest
    @MethodSource("disguisedMutations")
    void aRawMutationAnsweredWith504AfterItAppliedIsSentOnce(String query) {
        // GIVEN a platform that applies every call, then answers 504
        stub.server().stubFor(post(urlPathEqualTo("/api")).willReturn(aResponse().withStatus(504)));
        String json = "\"" + query + "\"";

        // WHEN the raw request is sent
        IndeterminateException e = assertThrows(IndeterminateException.class, () -> client.graphQl(
                (String) io.micronaut.json.JsonMapper.createDefault().readValue(json, String.class), Map.of(), null));

        // THEN it was sent once, and the caller hears that its outcome is unknown, not "try again"
        assertEquals(1, stub.server().findAll(postRequestedFor(urlPathEqualTo("/api"))).size());
        assertEquals(ErrorType.INDETERMINATE, e.errorType());
        assertTrue(e.getMessage().contains("may or may not have been applied"), e.getMessage());
    }

    @Test
    void aRawQueryAnsweredWith504IsRetried() {
        stub.server().stubFor(post(urlPathEqualTo("/api")).willReturn(aResponse().withStatus(504)));

        assertThrows(io.ipaasops.core.TransientException.class,
                () -> client.graphQl("{ authenticatedUser { name } }", Map.of(), null));

        assertEquals(4, stub.server().findAll(postRequestedFor(urlPathEqualTo("/api"))).size());
    }

    @Test
    void theOperationNameIsSentAndDecidesWhetherToRetry() {
        stub.server().stubFor(post(urlPathEqualTo("/api")).willReturn(aResponse().withStatus(503)));
        String document = "query Me { authenticatedUser { name } } mutation Import { " + IMPORT.replace("\\\"", "\"")
                + " }";

        assertThrows(IndeterminateException.class, () -> client.graphQl(document, Map.of(), "Import"));

        var sent = stub.server().findAll(postRequestedFor(urlPathEqualTo("/api")));
        assertEquals(1, sent.size());
        assertTrue(sent.get(0).getBodyAsString().contains("\"operationName\":\"Import\""), sent.get(0).getBodyAsString());
    }

    @Test
    void aDeployWhoseOutcomeWasUnknownIsConfirmedByLastDeployedAt() {
        // GIVEN a deploy that timed out at the gateway, and an instance deployed just after our attempt began
        stub.stub("deployInstance", aResponse().withStatus(504));
        stub.stubData("instance", "{\"instance\":{\"id\":\"i1\",\"name\":\"Acme\",\"lastDeployedAt\":\""
                + clock.instant().plusSeconds(1) + "\"}}");

        Instance deployed = client.deployInstance("i1", null);

        // THEN the deploy was sent once, and the read-back answered for it
        assertEquals("i1", deployed.id());
        assertEquals(1, stub.requests("deployInstance").size());
        assertEquals(1, stub.requests("instance").size());
    }

    @Test
    void aDeployThatReadingBackDoesNotShowIsIndeterminate() {
        stub.stub("deployInstance", aResponse().withStatus(502));
        stub.stubData("instance", "{\"instance\":{\"id\":\"i1\",\"lastDeployedAt\":\""
                + clock.instant().minus(Duration.ofHours(1)) + "\"}}");

        IndeterminateException e = assertThrows(IndeterminateException.class, () -> client.deployInstance("i1", null));

        assertTrue(e.getMessage().contains("does not show it applied"), e.getMessage());
        assertEquals(1, stub.requests("deployInstance").size());
    }

    @Test
    void aPublishWhoseOutcomeWasUnknownIsFoundByItsCommentAndTime() {
        stub.stub("publishIntegration", aResponse().withStatus(504));
        stub.stubData("latestVersions", "{\"integration\":{\"versionSequence\":{\"nodes\":["
                + "{\"id\":\"v3\",\"versionNumber\":3,\"versionComment\":\"Release 3\",\"versionCreatedAt\":\""
                + clock.instant().plusSeconds(2) + "\"},"
                + "{\"id\":\"v2\",\"versionNumber\":2,\"versionComment\":\"Release 2\",\"versionCreatedAt\":\""
                + clock.instant().minus(Duration.ofDays(1)) + "\"}]}}}");

        Integration published = client.publishIntegration("draft", "Release 3", null);
        IndeterminateException other = assertThrows(IndeterminateException.class,
                () -> client.publishIntegration("draft", "Release 2", null));

        assertEquals("v3", published.id());
        assertEquals(Integer.valueOf(3), published.versionNumber());
        assertTrue(other.getMessage().contains("check integration draft"), other.getMessage());
        assertEquals(2, stub.requests("publishIntegration").size());
    }

    @Test
    void anUpdateIsConfirmedWhenTheInstanceShowsTheNewValues() {
        stub.stub("updateInstance", aResponse().withStatus(504));
        stub.stubData("instance", "{\"instance\":{\"id\":\"i1\",\"name\":\"Acme\",\"description\":\"EU\","
                + "\"enabled\":true}}");

        assertEquals("EU", client.updateInstance("i1", null, "EU").description());
        assertThrows(IndeterminateException.class, () -> client.disableInstance("i1"));
        assertEquals(2, stub.requests("updateInstance").size());
    }

    @Test
    void aRefusalTiedToNoFieldIsAConflict() {
        stub.stubData("deployInstance", "{\"deployInstance\":{\"instance\":null,\"errors\":["
                + "{\"field\":\"__all__\",\"messages\":[\"Instance has no configuration.\"]}]}}");

        ConflictException e = assertThrows(ConflictException.class, () -> client.deployInstance("x", null));

        assertEquals(List.of(new FieldError("__all__", "Instance has no configuration.")), e.fields());
        assertEquals(1, stub.requests("deployInstance").size());
    }

    @Test
    void aDocumentTheServerCannotParseIsTheCallersMistake() {
        stub.server().stubFor(post(urlPathEqualTo("/api")).willReturn(json(400, "{\"errors\":[{\"message\":"
                + "\"Syntax Error: Expected Name, found <EOF>.\",\"locations\":[{\"line\":1,\"column\":30}]}]}")));

        ValidationException e = assertThrows(ValidationException.class,
                () -> client.graphQl("query { authenticatedUser { name } ...on }", Map.of(), null));

        assertEquals("query", e.fields().get(0).field());
        assertTrue(e.getMessage().contains("Syntax Error"), e.getMessage());
        stub.server().resetRequests(); // the document is invalid by design; the schema check after each test would say so

    }

    @Test
    void aDocumentTheServerCannotValidateIsTheCallersMistakeInEitherEnginesWording() {
        for (String message : List.of("Cannot query field \\\"nope\\\" on type \\\"Query\\\".",
                "Validation error (FieldUndefined@[nope]) : Field 'nope' in type 'Query' is undefined")) {
            stub.server().stubFor(post(urlPathEqualTo("/api")).willReturn(json(200,
                    "{\"data\":null,\"errors\":[{\"message\":\"" + message + "\"}]}")));

            ValidationException e = assertThrows(ValidationException.class,
                    () -> client.graphQl("{ authenticatedUser { name } }", Map.of(), null));

            assertEquals("query", e.fields().get(0).field(), message);
        }
    }

    @Test
    void aDocumentThatDoesNotLexIsRefusedBeforeAnythingIsSent() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> client.graphQl("mutation { importIntegration(input: {definition: \"open }", Map.of(), null));

        assertTrue(e.fields().get(0).message().contains("unterminated string"), e.getMessage());
        assertFalse(stub.server().findAll(postRequestedFor(urlPathEqualTo("/api"))).iterator().hasNext());
    }
}
