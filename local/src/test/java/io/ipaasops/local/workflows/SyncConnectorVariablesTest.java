package io.ipaasops.local.workflows;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.ipaasops.lambda.FunctionRuntime;
import io.ipaasops.local.host.HostLimits;
import io.ipaasops.local.host.LocalHost;
import io.ipaasops.testing.GitHubStub;
import io.ipaasops.testing.JsonAssert;
import io.ipaasops.testing.VersoriStub;
import io.ipaasops.workflows.Workflow;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * sync-connector against Versori at the wire (every exchange checked against its OpenAPI): when a connection does
 * not get the config's variables, the report says which are missing, by name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyncConnectorVariablesTest {

    private static final String STAGING = "01J9Z3K5Q7XW2M8N4P6R0T1V3D";
    private static final String CONFIG_PATH = "connectors/shopify.json";
    private static final String CONNECTIONS_PAGE = ("{\"totalCount\":2,\"items\":["
            + "{\"id\":\"%s\",\"name\":\"production\",\"createdAt\":\"2024-10-10T12:00:00Z\","
            + "\"updatedAt\":\"2024-10-10T12:00:00Z\"},"
            + "{\"id\":\"%s\",\"name\":\"staging\",\"createdAt\":\"2024-10-10T12:00:00Z\","
            + "\"updatedAt\":\"2024-10-10T12:00:00Z\"}]}").formatted(VersoriStub.CONNECTION, STAGING);

    private final VersoriStub versori = new VersoriStub();
    private final GitHubStub github = new GitHubStub();
    private ApplicationContext context;
    private LocalHost host;
    private LocalEngine engine;

    @BeforeAll
    void start() throws Exception {
        Optional<String> missing = LocalEngine.unavailable();
        if (missing.isPresent()) {
            System.err.println("SKIPPED: the workflow tests need Node.js: " + missing.get());
        }
        assumeTrue(missing.isEmpty(), "Node.js is needed for the local workflow engine");
        context = FunctionRuntime.start(Map.of("versori.url", versori.url(), "versori.api-key", VersoriStub.API_KEY,
                "versori.organisation-id", VersoriStub.ORG, "github.api-url", github.url(),
                "ipaas.webhook.verify", false), "test");
        host = LocalHost.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), HostLimits.DEFAULT)
                .start(context, Map.of());
        engine = new LocalEngine(Path.of("target", "engine"), JsonMapper.createDefault());
    }

    @BeforeEach
    void reset() {
        versori.reset();
        github.reset();
        // GIVEN a connector with two connections: production has what the config gives, staging lacks "region"
        versori.server().stubFor(WireMock.get(urlPathEqualTo(VersoriStub.path("/connectors/"
                + VersoriStub.CONNECTOR))).willReturn(VersoriStub.json(200, VersoriStub.connector("Shopify"))));
        versori.server().stubFor(put(urlPathEqualTo(VersoriStub.path("/connectors/" + VersoriStub.CONNECTOR)))
                .willReturn(VersoriStub.json(200, VersoriStub.connector("Shopify (synced)"))));
        versori.server().stubFor(WireMock.get(urlPathEqualTo(VersoriStub.path("/connectors/" + VersoriStub.CONNECTOR
                + "/connections"))).willReturn(VersoriStub.json(200, CONNECTIONS_PAGE)));
        versori.server().stubFor(WireMock.get(urlPathEqualTo(connectionPath(VersoriStub.CONNECTION)))
                .willReturn(VersoriStub.json(200, VersoriStub.connection("production"))));
        versori.server().stubFor(WireMock.get(urlPathEqualTo(connectionPath(STAGING)))
                .willReturn(VersoriStub.json(200, VersoriStub.connection(STAGING, "staging",
                        "[{\"name\":\"shop\",\"value\":\"acme\"},{\"name\":\"tier\",\"value\":\"gold\"}]"))));
    }

    @AfterAll
    void stop() {
        if (host != null) {
            host.close();
        }
        if (context != null) {
            context.close();
        }
        versori.close();
        github.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aConnectionWithoutTheConfigsVariablesIsReportedMissingThemByName() throws Exception {
        github.stubFile(GitHubStub.REPOSITORY, CONFIG_PATH, GitHubStub.SHA, "{\"name\":\"Shopify (synced)\","
                + "\"connectionVariables\":[{\"name\":\"shop\",\"value\":\"acme\"},{\"name\":\"region\","
                + "\"value\":\"eu\"}]}");

        // WHEN the connector is synced
        LocalEngine.Outcome outcome = sync();

        // THEN production is synced, staging lacks "region" and has a "tier" the config does not give
        assertTrue(outcome.succeeded(), () -> outcome.error() + ": " + outcome.cause());
        String report = JsonMapper.createDefault().writeValueAsString(outcome.output());
        JsonAssert.assertContains("{\"overall\":\"PARTIAL\",\"failedCount\":1,\"variables\":[\"shop\",\"region\"],"
                + "\"connector\":{\"id\":\"" + VersoriStub.CONNECTOR + "\",\"name\":\"Shopify (synced)\"},"
                + "\"connections\":[{\"connectionId\":\"" + VersoriStub.CONNECTION + "\",\"name\":\"production\","
                + "\"status\":\"synced\",\"missing\":[],\"different\":[],\"extra\":[]},"
                + "{\"connectionId\":\"" + STAGING + "\",\"name\":\"staging\",\"status\":\"missing\","
                + "\"missing\":[\"region\"],\"different\":[],\"extra\":[\"tier\"]}]}", report);
        // AND no value of any variable is in the report, nor any credential
        assertFalse(report.contains("acme") || report.contains("gold") || report.contains("shop-bot"), report);
        // AND the update sent the variables, and every exchange kept to Versori's OpenAPI
        assertTrue(versori.server().findAll(WireMock.putRequestedFor(urlPathEqualTo(VersoriStub.path(
                "/connectors/" + VersoriStub.CONNECTOR)))).get(0).getBodyAsString().contains("\"region\""));
        assertEquals(List.of(), versori.violations());
    }

    @Test
    void aConnectionThatCannotBeReadBackIsAFailedLineAndTheRestIsStillChecked() throws Exception {
        github.stubFile(GitHubStub.REPOSITORY, CONFIG_PATH, GitHubStub.SHA, "{\"connectionVariables\":"
                + "[{\"name\":\"shop\",\"value\":\"acme\"},{\"name\":\"region\",\"value\":\"eu\"}]}");
        versori.server().stubFor(WireMock.get(urlPathEqualTo(connectionPath(STAGING)))
                .willReturn(VersoriStub.json(404, VersoriStub.error("404003", "connection not found", null))));

        LocalEngine.Outcome outcome = sync();

        assertTrue(outcome.succeeded(), () -> outcome.error() + ": " + outcome.cause());
        JsonAssert.assertContains("{\"overall\":\"PARTIAL\",\"failedCount\":1,\"connections\":["
                + "{\"name\":\"production\",\"status\":\"synced\"},{\"connectionId\":\"" + STAGING + "\","
                + "\"status\":\"failed\"}]}", JsonMapper.createDefault().writeValueAsString(outcome.output()));
        assertTrue(String.valueOf(outcome.output()).contains("NotFoundException"), String.valueOf(outcome.output()));
    }

    @Test
    void aConfigWithoutConnectionVariablesLeavesTheConnectionsUncheckedAndReadsNoneOfThem() throws Exception {
        github.stubFile(GitHubStub.REPOSITORY, CONFIG_PATH, GitHubStub.SHA, "{\"name\":\"Shopify (synced)\"}");

        LocalEngine.Outcome outcome = sync();

        assertTrue(outcome.succeeded(), () -> outcome.error() + ": " + outcome.cause());
        JsonAssert.assertContains("{\"overall\":\"SUCCEEDED\",\"failedCount\":0,\"variables\":null,\"connections\":["
                + "{\"name\":\"production\",\"status\":\"unchanged\"},{\"name\":\"staging\",\"status\":\"unchanged\"}]}",
                JsonMapper.createDefault().writeValueAsString(outcome.output()));
        assertEquals(0, versori.server().findAll(anyRequestedFor(urlPathMatching(".*/connections/.+"))).size());
        assertFalse(versori.server().findAll(WireMock.putRequestedFor(urlPathEqualTo(VersoriStub.path(
                "/connectors/" + VersoriStub.CONNECTOR)))).get(0).getBodyAsString().contains("connectionVariables"));
        assertEquals(List.of(), versori.violations());
    }

    private LocalEngine.Outcome sync() throws Exception {
        return engine.run(Workflow.SYNC_CONNECTOR, Map.of("connectorId", VersoriStub.CONNECTOR, "source", Map.of(
                "repository", GitHubStub.REPOSITORY, "path", CONFIG_PATH, "ref", GitHubStub.SHA)),
                "sync-connector-" + UUID.randomUUID(), "http://127.0.0.1:" + host.port());
    }

    private static String connectionPath(String connection) {
        return VersoriStub.path("/connectors/" + VersoriStub.CONNECTOR + "/connections/" + connection);
    }
}
