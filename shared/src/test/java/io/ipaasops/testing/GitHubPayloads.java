package io.ipaasops.testing;

import com.github.tomakehurst.wiremock.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * GitHub webhook payloads as GitHub documents them ({@code github/push.json}: two commits to {@code main} of
 * {@link GitHubStub#REPOSITORY}, changing the Salesforce Sync definition and adding the Shopify connector's;
 * {@code github/ping.json}), and variations of them.
 */
public final class GitHubPayloads {

    /** The push's head commit ({@code after}). */
    public static final String AFTER = GitHubStub.SHA;
    /** The integration definition the push modified. */
    public static final String INTEGRATION_PATH = "integrations/salesforce-sync/integration.yaml";
    /** The connector definition the push added. */
    public static final String CONNECTOR_PATH = "connectors/shopify/connector.yaml";
    /** The integration released from {@link #INTEGRATION_PATH}. */
    public static final String INTEGRATION_ID = "SW50ZWdyYXRpb246c2FsZXNmb3JjZS1zeW5j";
    /** The connector synced from {@link #CONNECTOR_PATH}. */
    public static final String CONNECTOR_ID = "01J9Z3K5Q7XW2M8N4P6R0T1V3B";
    /** Release watches ({@code IPAAS_RELEASES}): the push changes the first file, not the second. */
    public static final String RELEASES = """
            [{"repository":"%s","branch":"main","path":"%s","integrationId":"%s",
              "testFlows":[{"flowId":"SW50ZWdyYXRpb25GbG93OjE=","payload":"{}"}],"rollout":{"batchSize":5}},
             {"repository":"%s","branch":"main","path":"integrations/slack-alerts/integration.yaml",
              "integrationId":"SW50ZWdyYXRpb246c2xhY2stYWxlcnRz"}]"""
            .formatted(GitHubStub.REPOSITORY, INTEGRATION_PATH, INTEGRATION_ID, GitHubStub.REPOSITORY);
    /** Connector-sync watches ({@code IPAAS_CONNECTOR_SYNCS}): the push adds this file. */
    public static final String CONNECTOR_SYNCS = """
            [{"repository":"%s","branch":"main","path":"%s","connectorId":"%s"}]"""
            .formatted(GitHubStub.REPOSITORY, CONNECTOR_PATH, CONNECTOR_ID);

    private GitHubPayloads() {
    }

    /** The properties that configure {@link #RELEASES}, {@link #CONNECTOR_SYNCS} and {@code sfn}'s state machines. */
    public static Map<String, String> watching(StepFunctionsStub sfn) {
        Map<String, String> properties = new HashMap<>(sfn.properties());
        properties.put("ipaas.workflows.releases", RELEASES);
        properties.put("ipaas.workflows.connector-syncs", CONNECTOR_SYNCS);
        return properties;
    }

    /** The push payload, as GitHub sends it. */
    public static String push() {
        return resource("push.json");
    }

    /** The push payload with {@code edit} applied to its top-level fields. */
    public static String push(Consumer<Map<String, Object>> edit) {
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = Json.read(push(), LinkedHashMap.class);
        edit.accept(payload);
        return Json.write(payload);
    }

    /** The ping GitHub sends when the webhook is created. */
    public static String ping() {
        return resource("ping.json");
    }

    private static String resource(String name) {
        try (InputStream in = GitHubPayloads.class.getResourceAsStream("github/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource github/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
