package io.ipaasops.testing;

import com.github.tomakehurst.wiremock.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    private GitHubPayloads() {
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
