package io.ipaasops.versori;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.ipaasops.testing.VersoriStub.CONNECTION;
import static io.ipaasops.testing.VersoriStub.CONNECTOR;
import static io.ipaasops.testing.VersoriStub.connection;
import static io.ipaasops.testing.VersoriStub.connector;
import static io.ipaasops.testing.VersoriStub.error;
import static io.ipaasops.testing.VersoriStub.json;
import static io.ipaasops.testing.VersoriStub.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.ipaasops.core.ConflictException;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.NotFoundException;
import io.ipaasops.core.TransientException;
import io.ipaasops.core.UnauthorizedException;
import io.ipaasops.core.UpstreamException;
import io.ipaasops.core.ValidationException;
import io.ipaasops.testing.VersoriStub;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The Versori client on the wire, against a stub that validates every exchange against Versori's OpenAPI. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "versori.api-key", value = VersoriStub.API_KEY)
@Property(name = "versori.organisation-id", value = VersoriStub.ORG)
@Property(name = "ipaas.retry.base-delay", value = "10ms")
class VersoriClientTest implements TestPropertyProvider {

    private final VersoriStub stub = new VersoriStub();

    @Inject
    VersoriClient client;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("versori.url", stub.url());
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

    @Test
    void getConnectorUsesTheConfiguredOrganisationAndBearerKey() {
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(okJson(connector("Shopify"))));

        Map<String, Object> result = client.connector(null, CONNECTOR);

        assertEquals("Shopify", result.get("name"));
        stub.server().verify(getRequestedFor(urlPathEqualTo(path("/connectors/" + CONNECTOR)))
                .withHeader("Authorization", equalTo("Bearer " + VersoriStub.API_KEY)));
    }

    @Test
    void theInvocationsTraceHeaderGoesOnToVersori() {
        // GIVEN a Lambda invocation with an X-Ray trace header (the runtime client sets the property)
        String trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(okJson(connector("Shopify"))));
        System.setProperty("com.amazonaws.xray.traceHeader", trace);
        try {
            // WHEN Versori is called
            client.connector(null, CONNECTOR);
        } finally {
            System.clearProperty("com.amazonaws.xray.traceHeader");
        }

        // THEN the request carries it, and Versori's OpenAPI allows it (checked after each test)
        stub.server().verify(getRequestedFor(urlPathEqualTo(path("/connectors/" + CONNECTOR)))
                .withHeader("X-Amzn-Trace-Id", equalTo(trace)));
    }

    @Test
    void updateConnectorKeepsEveryFieldTheCallerDidNotGive() {
        // GIVEN a connector with documentation, image, tags and connection variables
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(okJson(connector("Shopify"))));
        stub.server().stubFor(put(path("/connectors/" + CONNECTOR)).willReturn(okJson(connector("Shopify EU"))));

        // WHEN only its name and visibility change
        Map<String, Object> result = client.updateConnector(null, CONNECTOR, new ConnectorChanges("Shopify EU",
                null, null, null, null, null, null, true));

        // THEN the PUT carries every other field as it was, and leaves the side-effecting lists out
        assertEquals("Shopify EU", result.get("name"));
        stub.server().verify(putRequestedFor(urlPathEqualTo(path("/connectors/" + CONNECTOR)))
                .withRequestBody(equalToJson("""
                        {"id":"%s","organisationId":"%s","name":"Shopify EU","protocol":"http",
                         "tags":{"category":["e-commerce"]},"public":true,
                         "documentationURL":"https://docs.example.com/shop","imageURL":"https://img.example.com/shop.png",
                         "baseUrl":"https://shop.example.com/admin/api"}""".formatted(CONNECTOR, VersoriStub.ORG))));
    }

    @Test
    void updateConnectorSendsConnectionVariablesOnlyWhenGiven() {
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(okJson(connector("Shopify"))));
        stub.server().stubFor(put(path("/connectors/" + CONNECTOR)).willReturn(okJson(connector("Shopify"))));

        client.updateConnector(null, CONNECTOR, new ConnectorChanges(null, "https://eu.shop.example.com", null, null,
                List.of("01J9Z3K5Q7XW2M8N4P6R0T1V40"), List.of(new Variable("shop", "acme-eu")), null, null));

        stub.server().verify(putRequestedFor(urlPathEqualTo(path("/connectors/" + CONNECTOR)))
                .withRequestBody(equalToJson("""
                        {"name":"Shopify","baseUrl":"https://eu.shop.example.com",
                         "authSchemeConfigIds":["01J9Z3K5Q7XW2M8N4P6R0T1V40"],
                         "connectionVariables":[{"name":"shop","value":"acme-eu"}]}""", true, true)));
    }

    @Test
    void updateConnectionKeepsTheNameAndLeavesCredentialsAlone() {
        String connectionPath = path("/connectors/" + CONNECTOR + "/connections/" + CONNECTION);
        stub.server().stubFor(WireMock.get(connectionPath).willReturn(okJson(connection("production"))));
        stub.server().stubFor(put(connectionPath).willReturn(okJson(connection("production"))));

        client.updateConnection(null, CONNECTOR, CONNECTION, null, List.of(new Variable("shop", "acme-2")));

        stub.server().verify(putRequestedFor(urlPathEqualTo(connectionPath)).withRequestBody(equalToJson(
                "{\"id\":\"" + CONNECTION + "\",\"name\":\"production\",\"variables\":[{\"name\":\"shop\","
                        + "\"value\":\"acme-2\"}]}")));
    }

    @Test
    void badRequestIsValidationWithVersoriFields() {
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(json(400,
                error("400001", "invalid request", "[{\"field\":\"baseUrl\",\"message\":\"must be a URL\"}]"))));

        ValidationException e = assertThrows(ValidationException.class, () -> client.connector(null, CONNECTOR));

        assertEquals(List.of(new FieldError("baseUrl", "must be a URL")), e.fields());
        assertEquals("Versori: invalid request (code 400001)", e.getMessage());
    }

    @Test
    void unknownConnectorIsNotFound() {
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(json(404,
                error("404000", "connector not found", null))));

        assertThrows(NotFoundException.class, () -> client.connector(null, CONNECTOR));
    }

    @Test
    void preconditionFailedIsConflict() {
        String connectionPath = path("/connectors/" + CONNECTOR + "/connections/" + CONNECTION);
        stub.server().stubFor(WireMock.get(connectionPath).willReturn(okJson(connection("production"))));
        stub.server().stubFor(put(connectionPath).willReturn(json(412, error("412000", "connection in use", null))));

        assertThrows(ConflictException.class, () -> client.updateConnection(null, CONNECTOR, CONNECTION, "x", null));
    }

    @Test
    void rateLimitedIsRetriedAfterRetryAfter() {
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).inScenario("429").whenScenarioStateIs(STARTED)
                .willReturn(json(429, error("429000", "slow down", null)).withHeader("Retry-After", "1"))
                .willSetStateTo("ok"));
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).inScenario("429").whenScenarioStateIs("ok")
                .willReturn(okJson(connector("Shopify"))));

        long started = System.nanoTime();
        assertEquals("Shopify", client.connector(null, CONNECTOR).get("name"));
        assertTrue(System.nanoTime() - started >= 1_000_000_000L);
    }

    @Test
    void unavailablePutIsRetriedBecausePutIsIdempotent() {
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(okJson(connector("Shopify"))));
        stub.server().stubFor(put(path("/connectors/" + CONNECTOR)).inScenario("503").whenScenarioStateIs(STARTED)
                .willReturn(json(503, error("503000", "unavailable", null))).willSetStateTo("ok"));
        stub.server().stubFor(put(path("/connectors/" + CONNECTOR)).inScenario("503").whenScenarioStateIs("ok")
                .willReturn(okJson(connector("Renamed"))));

        assertEquals("Renamed", client.updateConnector(null, CONNECTOR,
                new ConnectorChanges("Renamed", null, null, null, null, null, null, null)).get("name"));
        stub.server().verify(2, putRequestedFor(urlPathEqualTo(path("/connectors/" + CONNECTOR))));
    }

    @Test
    void persistentUnavailabilityIsTransient() {
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(json(503,
                error("503000", "unavailable", null))));

        assertThrows(TransientException.class, () -> client.connector(null, CONNECTOR));
    }

    @Test
    void malformedBodyIsUpstream() {
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(json(200, "{\"id\": ")));

        assertThrows(UpstreamException.class, () -> client.connector(null, CONNECTOR));
        // The stub breaks the contract here on purpose: forget that violation.
        stub.reset();
    }

    @Test
    void refusedKeyIsUnauthorizedWithoutEchoingIt() {
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(json(401,
                error("401000", "bad key " + VersoriStub.API_KEY, null))));

        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> client.connector(null, CONNECTOR));

        assertFalse(e.getMessage().contains(VersoriStub.API_KEY));
        stub.server().verify(2, getRequestedFor(urlPathEqualTo(path("/connectors/" + CONNECTOR))));
    }

    @Test
    void allFollowsNextUntilItIsAbsentEmptyOrNull() {
        // GIVEN three pages: next "p2", then next "" ... and a variant ending on a null next
        stub.server().stubFor(WireMock.get(urlPathEqualTo(path("/connectors"))).withQueryParam("after", absent())
                .willReturn(okJson(VersoriStub.connectorPage(3, "p2", "A"))));
        stub.server().stubFor(WireMock.get(urlPathEqualTo(path("/connectors"))).withQueryParam("after", equalTo("p2"))
                .willReturn(okJson(VersoriStub.connectorPage(3, "p3", "B"))));
        stub.server().stubFor(WireMock.get(urlPathEqualTo(path("/connectors"))).withQueryParam("after", equalTo("p3"))
                .willReturn(okJson(VersoriStub.connectorPage(3, "", "C"))));

        Map<String, Object> all = client.connectors(null, new PageQuery(null, null, null, true), "shop", "name:asc");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> connectors = (List<Map<String, Object>>) all.get("connectors");
        assertEquals(List.of("A", "B", "C"), connectors.stream().map(c -> c.get("name")).toList());
        assertEquals(3, all.get("totalCount"));
        stub.server().verify(3, getRequestedFor(urlPathEqualTo(path("/connectors")))
                .withQueryParam("first", equalTo("100")).withQueryParam("name", equalTo("shop"))
                .withQueryParam("sort", equalTo("name:asc")));
    }

    @Test
    void onePageByDefaultPassesTheCursorsThrough() {
        stub.server().stubFor(WireMock.get(urlPathEqualTo(path("/connectors/" + CONNECTOR + "/connections")))
                .willReturn(okJson("{\"totalCount\":1,\"next\":\"n\",\"items\":[{\"id\":\"" + CONNECTION
                        + "\",\"name\":\"production\",\"createdAt\":\"2024-10-10T12:00:00Z\","
                        + "\"updatedAt\":\"2024-10-10T12:00:00Z\"}]}")));

        Map<String, Object> page = client.connections(null, CONNECTOR, new PageQuery(1, "c", null, false));

        assertEquals("n", page.get("next"));
        stub.server().verify(getRequestedFor(urlPathEqualTo(path("/connectors/" + CONNECTOR + "/connections")))
                .withQueryParam("first", equalTo("1")).withQueryParam("after", equalTo("c")));
    }

    @Test
    void contractCheckCatchesAnInvalidStubSoItCanFail() {
        org.junit.jupiter.api.Assumptions.assumeTrue(stub.validating(), "the Versori OpenAPI document is absent");
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(okJson(
                connector("Shopify").replace("\"name\":\"Shopify\",", ""))));

        client.connector(null, CONNECTOR);

        assertFalse(stub.violations().isEmpty());
        stub.reset();
    }

    @Test
    void anErrorBodyAnsweredWith200IsAnErrorNotAResult() {
        // GIVEN a gateway that answers 200 with Versori's error shape, echoing the key it was sent
        stub.server().stubFor(WireMock.get(path("/connectors/" + CONNECTOR)).willReturn(okJson(
                error("401001", "invalid key " + VersoriStub.API_KEY, null))));

        UpstreamException e = assertThrows(UpstreamException.class, () -> client.connector(null, CONNECTOR));

        assertTrue(e.getMessage().contains("401001"), e.getMessage());
        assertFalse(io.ipaasops.core.ErrorResponse.of(e).toString().contains(VersoriStub.API_KEY));
        stub.reset(); // the answer breaks Versori's contract by design; the check after each test would say so
    }
}
