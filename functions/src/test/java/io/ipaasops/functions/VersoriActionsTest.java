package io.ipaasops.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.ipaasops.testing.VersoriStub.error;
import static io.ipaasops.testing.VersoriStub.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.ipaasops.testing.JsonAssert;
import io.ipaasops.core.ActionException;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.Platform;
import io.ipaasops.core.FieldError;
import io.ipaasops.functions.VersoriCases.Case;
import io.ipaasops.testing.VersoriStub;
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

/** Every Versori action on the wire, against a stub that validates each exchange against Versori's OpenAPI. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "versori.api-key", value = VersoriStub.API_KEY)
@Property(name = "versori.organisation-id", value = VersoriStub.ORG)
@Property(name = "ipaas.retry.base-delay", value = "10ms")
class VersoriActionsTest implements TestPropertyProvider {

    private final VersoriStub stub = new VersoriStub();

    @Inject
    ActionInvoker invoker;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("versori.url", stub.url());
    }

    static Stream<Case> cases() {
        return VersoriCases.ALL.stream();
    }

    @BeforeEach
    void reset() {
        stub.reset();
    }

    @AfterEach
    void everyExchangeMatchedVersoriOpenApi() {
        assertEquals(List.of(), stub.violations());
    }

    @AfterAll
    void stop() {
        stub.close();
    }

    private String run(String action, String input) {
        return new String(invoker.invoke(Actions.named(action).orElseThrow(),
                input.getBytes(StandardCharsets.UTF_8), Deadline.in(Duration.ofSeconds(30))), StandardCharsets.UTF_8);
    }

    @Test
    void everyVersoriActionHasAWireCase() {
        assertEquals(Actions.all().stream().filter(a -> a.platform() == Platform.VERSORI).map(a -> a.name()).sorted()
                .toList(), cases().map(Case::action).sorted().toList());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sendsTheExactRequestsAndReturnsTheApisJson(Case c) {
        c.stub(stub);

        String output = run(c.action(), c.input());

        JsonAssert.assertContains(c.expected(), output);
        stub.server().verify(WireMock.getRequestedFor(urlEqualTo(c.getPath()))
                .withHeader("Authorization", equalTo("Bearer " + VersoriStub.API_KEY)));
        if (c.putBody() != null) {
            stub.server().verify(1, putRequestedFor(urlPathEqualTo(c.getPath()))
                    .withRequestBody(equalToJson(c.putBody())));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void badRequestIsValidationWithFields(Case c) {
        stub.server().stubFor(WireMock.get(urlEqualTo(c.getPath())).willReturn(json(400,
                error("400001", "invalid", "[{\"field\":\"first\",\"message\":\"too large\"}]"))));

        ActionException e = assertThrows(ActionException.class, () -> run(c.action(), c.input()));

        assertEquals("validation", e.type());
        assertEquals(List.of(new FieldError("first", "too large")), e.fields());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void unknownIdIsNotFound(Case c) {
        stub.server().stubFor(WireMock.get(urlEqualTo(c.getPath())).willReturn(json(404,
                error("404000", "not found", null))));

        ActionException e = assertThrows(ActionException.class, () -> run(c.action(), c.input()));

        assertEquals("not_found", e.type());
    }

    @Test
    void updateConnectorPutsAValidBodyKeepingWhatTheCallerOmitted() {
        Case c = VersoriCases.ALL.get(2);
        c.stub(stub);

        run(c.action(), "{\"connectorId\":\"" + VersoriStub.CONNECTOR + "\",\"name\":\"Shopify EU\"}");

        // documentationURL, imageURL, tags and baseUrl survive; connectionVariables are not touched
        stub.server().verify(putRequestedFor(urlPathEqualTo(c.getPath())).withRequestBody(equalToJson("""
                {"id":"%s","organisationId":"%s","name":"Shopify EU","protocol":"http",
                 "tags":{"category":["e-commerce"]},"public":false,
                 "documentationURL":"https://docs.example.com/shop","imageURL":"https://img.example.com/shop.png",
                 "baseUrl":"https://shop.example.com/admin/api"}""".formatted(VersoriStub.CONNECTOR, VersoriStub.ORG))));
    }

    @Test
    void connectionVariablesMustBeNameValuePairs() {
        ActionException e = assertThrows(ActionException.class, () -> run("update-connector",
                "{\"connectorId\":\"x\",\"connectionVariables\":[{\"name\":\"a\"}],\"public\":\"yes\"}"));

        assertEquals("validation", e.type());
        assertEquals(List.of(new FieldError("connectionVariables[0].value", "is required"),
                new FieldError("public", "must be true or false")), e.fields());
    }

    @Test
    void aSecretThePlatformEchoesInAResultIsMaskedInTheOutput() {
        // GIVEN a connector whose description echoes the API key it was called with
        stub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(VersoriStub.path("/connectors/"
                + VersoriStub.CONNECTOR)).willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                VersoriStub.connector("Shopify").replace("\"name\":\"Shopify\"",
                        "\"name\":\"Shopify (called with " + VersoriStub.API_KEY + ")\""))));

        String output = run("get-connector", "{\"connectorId\":\"" + VersoriStub.CONNECTOR + "\"}");

        assertTrue(output.contains("Shopify (called with ***)"), output);
        assertFalse(output.contains(VersoriStub.API_KEY), output);
    }

    @Test
    void aPageSizeOutsideOneToAHundredIsAValidationErrorNamingFirst() {
        ActionException e = assertThrows(ActionException.class, () -> run("list-connectors", "{\"first\":0}"));

        assertEquals("validation", e.type());
        assertEquals("first", e.fields().get(0).field());
    }
}
