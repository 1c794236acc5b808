package io.ipaasops.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;

/**
 * A WireMock Versori connect API v1 at {@code /api/connect/v1} that checks every request and every stubbed
 * response against Versori's own OpenAPI document (when the specs are present).
 */
public final class VersoriStub implements AutoCloseable {

    /** The API key tests configure; it must never appear in output. */
    public static final String API_KEY = "vk_live_8f3a9c2d7e1b4a6f0c5d9e8b7a6f5e4dTEST";
    /** The configured organisation. */
    public static final String ORG = "01J9Z3K5Q7XW2M8N4P6R0T1V3A";
    /** A connector of that organisation. */
    public static final String CONNECTOR = "01J9Z3K5Q7XW2M8N4P6R0T1V3B";
    /** A connection of that connector. */
    public static final String CONNECTION = "01J9Z3K5Q7XW2M8N4P6R0T1V3C";
    /** The base path of the connect API. */
    public static final String BASE = "/api/connect/v1";

    private final WireMockServer server = new WireMockServer(options().port(FreePort.find()));
    private final OpenApiRecorder recorder;

    /** Starts the stub, validating against the OpenAPI document when it is available. */
    public VersoriStub() {
        server.start();
        recorder = VersoriOpenApi.validator().map(OpenApiRecorder::new).orElse(null);
        if (recorder != null) {
            server.addMockServiceRequestListener(recorder);
        }
    }

    /** The base URL to configure as {@code versori.url}. */
    public String url() {
        return server.baseUrl() + BASE;
    }

    /** The underlying server. */
    public WireMockServer server() {
        return server;
    }

    /** Whether requests and responses are being validated against the OpenAPI document. */
    public boolean validating() {
        return recorder != null;
    }

    /** Every contract violation seen so far ({@code []} when all exchanges were valid or validation is off). */
    public List<String> violations() {
        return recorder == null ? List.of() : recorder.violations();
    }

    /** Removes every stub, request log and recorded violation. */
    public void reset() {
        server.resetAll();
        if (recorder != null) {
            recorder.reset();
        }
    }

    /** The path of {@code rest} under the organisation, e.g. {@code path("/connectors")}. */
    public static String path(String rest) {
        return BASE + "/o/" + ORG + rest;
    }

    /** A JSON response with the given status. */
    public static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Versori's error body. */
    public static String error(String code, String message, String fieldsJson) {
        return "{\"code\":\"" + code + "\",\"message\":\"" + message + "\""
                + (fieldsJson == null ? "" : ",\"fields\":" + fieldsJson) + "}";
    }

    /** A valid HTTP connector named {@code name} with tags, images and variables set. */
    public static String connector(String name) {
        return """
                {"id":"%s","organisationId":"%s","name":"%s","public":false,"protocol":"http",
                 "baseUrl":"https://shop.example.com/admin/api","documentationURL":"https://docs.example.com/shop",
                 "imageURL":"https://img.example.com/shop.png","tags":{"category":["e-commerce"]},
                 "authSchemeConfigs":[{"id":"01J9Z3K5Q7XW2M8N4P6R0T1V40","description":"Basic","schemeType":"basic-auth"}],
                 "connectionVariables":[{"name":"shop","value":"acme"}],"connections":[],
                 "versions":[{"id":"01J9Z3K5Q7XW2M8N4P6R0T1V41","name":"1","isLatest":true,"isDefault":true,
                              "createdAt":"2024-10-10T12:00:00Z","updatedAt":"2024-10-10T12:00:00Z","publishedAt":null}],
                 "createdAt":"2024-10-10T12:00:00Z","updatedAt":"2024-10-10T12:00:00Z"}""".formatted(CONNECTOR, ORG,
                name);
    }

    /** A valid connection with a basic-auth action credential (password redacted) and two variables. */
    public static String connection(String name) {
        return connection(CONNECTION, name, "[{\"name\":\"shop\",\"value\":\"acme\"},{\"name\":\"region\","
                + "\"value\":\"eu\"}]");
    }

    /** A valid connection {@code id} with the given variables (a JSON array of {@code {name, value}}). */
    public static String connection(String id, String name, String variablesJson) {
        return """
                {"id":"%s","name":"%s","variables":%s,
                 "createdAt":"2024-10-10T12:00:00Z","updatedAt":"2024-10-10T12:00:00Z",
                 "credentials":{"action":[{"id":"01J9Z3K5Q7XW2M8N4P6R0T1V43",
                   "authSchemeConfig":{"id":"01J9Z3K5Q7XW2M8N4P6R0T1V40","description":"Basic","schemeType":"basic-auth"},
                   "credential":{"id":"01J9Z3K5Q7XW2M8N4P6R0T1V44","organisationId":"%s","name":"shop basic",
                                 "type":"basic-auth","data":{"username":"shop-bot","password":""}}}]}}"""
                .formatted(id, name, variablesJson, ORG);
    }

    /** A connectors page. */
    public static String connectorPage(int total, String next, String... names) {
        StringBuilder items = new StringBuilder();
        for (String name : names) {
            items.append(items.length() == 0 ? "" : ",").append(connector(name));
        }
        return "{\"totalCount\":" + total + (next == null ? "" : ",\"next\":\"" + next + "\"")
                + ",\"connectors\":[" + items + "]}";
    }

    @Override
    public void close() {
        server.stop();
    }
}
