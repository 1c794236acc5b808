package io.ipaasops.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A small GitHub contents API for the sandbox: a demo repository whose files a release or a connector sync fetches
 * at a commit, so that a push can go all the way to a report offline.
 *
 * <p>Serves {@code GET /repos/{owner}/{repo}/contents/{path}?ref=<ref>} with the raw bytes, as GitHub does for the
 * raw media type; anything else is GitHub's 404.</p>
 */
final class GitHubContents {

    /** The demo repository. */
    static final String REPOSITORY = "acme/integrations";
    /** The commit the demo files are at (and {@code main}, its branch). */
    static final String COMMIT = "9f1c2ab4e8d7c6b5a4938271605f4e3d2c1b0a99";

    private static final String RELEASE = """
            name: Salesforce Sync
            description: Keeps Salesforce accounts in step (released from acme/integrations)
            flows:
              - name: Sync Accounts
                stableKey: sync-accounts
            """;
    private static final String CONNECTOR = """
            {"name": "Shopify (synced from acme/integrations)",
             "connectionVariables": [{"name": "shop", "value": "acme"}, {"name": "apiVersion", "value": "2024-10"}]}
            """;
    private static final Map<String, String> FILES = Map.of(
            "salesforce-sync.yml", RELEASE,
            "connectors/shopify.json", CONNECTOR);

    /** The file's bytes at {@code ref}, if the demo repository has it there. */
    Optional<byte[]> file(String repository, String path, String ref) {
        if (!REPOSITORY.equals(repository) || !(COMMIT.equals(ref) || "main".equals(ref) || ref == null)) {
            return Optional.empty();
        }
        return Optional.ofNullable(FILES.get(path)).map(text -> text.getBytes(StandardCharsets.UTF_8));
    }
}
