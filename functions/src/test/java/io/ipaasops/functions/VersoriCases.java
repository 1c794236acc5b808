package io.ipaasops.functions;

import static io.ipaasops.testing.VersoriStub.CONNECTION;
import static io.ipaasops.testing.VersoriStub.CONNECTOR;
import static io.ipaasops.testing.VersoriStub.connection;
import static io.ipaasops.testing.VersoriStub.connector;
import static io.ipaasops.testing.VersoriStub.path;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.ipaasops.testing.VersoriStub;
import java.util.List;

/**
 * One wire-level example per Versori action: the input, the GET it reads with (and for updates the PUT body it
 * must send), the answers, and what the user must get back.
 */
public final class VersoriCases {

    /**
     * An action's example.
     *
     * @param action   the action name
     * @param input    the input JSON
     * @param getPath  the path the action reads
     * @param getBody  the answer to that GET
     * @param putBody  the exact PUT body for updates (null for reads)
     * @param expected JSON the output must contain
     */
    public record Case(String action, String input, String getPath, String getBody, String putBody, String expected) {

        /** Stubs the GET (and the PUT, for an update) this case's action makes. */
        public void stub(VersoriStub stub) {
            stub.server().stubFor(WireMock.get(WireMock.urlEqualTo(getPath)).willReturn(WireMock.okJson(getBody)));
            if (putBody != null) {
                stub.server().stubFor(WireMock.put(WireMock.urlPathEqualTo(getPath))
                        .willReturn(WireMock.okJson(getBody)));
            }
        }

        @Override
        public String toString() {
            return action;
        }
    }

    public static final String CONNECTOR_PATH = path("/connectors/" + CONNECTOR);
    public static final String CONNECTION_PATH = CONNECTOR_PATH + "/connections/" + CONNECTION;
    public static final String CONNECTIONS_PAGE = "{\"totalCount\":1,\"items\":[{\"id\":\"" + CONNECTION
            + "\",\"name\":\"production\",\"createdAt\":\"2024-10-10T12:00:00Z\",\"updatedAt\":\"2024-10-10T12:00:00Z\"}]}";

    public static final List<Case> ALL = List.of(
            new Case("get-connector", "{\"connectorId\":\"" + CONNECTOR + "\"}", CONNECTOR_PATH,
                    connector("Shopify"), null, "{\"name\":\"Shopify\",\"protocol\":\"http\"}"),
            new Case("list-connectors", "{\"first\":5,\"name\":\"shop\",\"sort\":\"name:asc\"}",
                    path("/connectors") + "?first=5&name=shop&sort=name%3Aasc",
                    io.ipaasops.testing.VersoriStub.connectorPage(1, null, "Shopify"), null,
                    "{\"totalCount\":1,\"connectors\":[{\"name\":\"Shopify\"}]}"),
            new Case("update-connector", "{\"connectorId\":\"" + CONNECTOR + "\",\"public\":true,"
                    + "\"connectionVariables\":[{\"name\":\"shop\",\"value\":\"acme-eu\"}]}", CONNECTOR_PATH,
                    connector("Shopify"), """
                    {"id":"%s","organisationId":"%s","name":"Shopify","protocol":"http",
                     "tags":{"category":["e-commerce"]},"public":true,
                     "documentationURL":"https://docs.example.com/shop","imageURL":"https://img.example.com/shop.png",
                     "baseUrl":"https://shop.example.com/admin/api",
                     "connectionVariables":[{"name":"shop","value":"acme-eu"}]}"""
                    .formatted(CONNECTOR, io.ipaasops.testing.VersoriStub.ORG),
                    "{\"name\":\"Shopify\"}"),
            new Case("get-connection", "{\"connectorId\":\"" + CONNECTOR + "\",\"connectionId\":\"" + CONNECTION
                    + "\"}", CONNECTION_PATH, connection("production"), null,
                    "{\"credentials\":{\"action\":[{\"credential\":{\"type\":\"basic-auth\","
                            + "\"data\":{\"username\":\"shop-bot\"}}}]}}"),
            new Case("list-connections", "{\"connectorId\":\"" + CONNECTOR + "\",\"first\":1}",
                    CONNECTOR_PATH + "/connections?first=1", CONNECTIONS_PAGE, null,
                    "{\"items\":[{\"name\":\"production\"}]}"),
            new Case("update-connection", "{\"connectorId\":\"" + CONNECTOR + "\",\"connectionId\":\"" + CONNECTION
                    + "\",\"name\":\"prod-eu\"}", CONNECTION_PATH, connection("production"),
                    "{\"id\":\"" + CONNECTION + "\",\"name\":\"prod-eu\"}", "{\"name\":\"production\"}"));

    private VersoriCases() {
    }
}
