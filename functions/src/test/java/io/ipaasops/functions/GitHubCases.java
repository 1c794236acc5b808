package io.ipaasops.functions;

import io.ipaasops.testing.GitHubPayloads;
import io.ipaasops.testing.GitHubStub;
import io.ipaasops.testing.StepFunctionsStub;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One wire-level example per GitHub action: the input, the status a webhook caller gets, and what the output must
 * contain, against the GitHub and Step Functions stubs ({@link #stub}, {@link #properties}).
 */
public final class GitHubCases {

    /**
     * An action's example.
     *
     * @param action   the action name
     * @param input    the input JSON
     * @param status   the webhook status (200, or 202 when it starts workflows)
     * @param expected JSON the output must contain
     */
    public record Case(String action, String input, int status, String expected) {

        @Override
        public String toString() {
            return action;
        }
    }

    /** The integration definition get-github-file reads. */
    public static final String DEFINITION = "name: Salesforce Sync\nflows:\n  - name: Sync Accounts\n";

    public static final List<Case> ALL = List.of(
            new Case("get-github-file", "{\"repository\":\"" + GitHubStub.REPOSITORY + "\",\"path\":\""
                    + GitHubPayloads.INTEGRATION_PATH + "\",\"ref\":\"" + GitHubStub.SHA + "\"}", 200,
                    "{\"repository\":\"" + GitHubStub.REPOSITORY + "\",\"path\":\"" + GitHubPayloads.INTEGRATION_PATH
                            + "\",\"ref\":\"" + GitHubStub.SHA + "\",\"content\":\"" + DEFINITION.replace("\n", "\\n")
                            + "\"}"),
            new Case("github-push", GitHubPayloads.push(), 202,
                    "{\"started\":[{\"workflow\":\"release\",\"alreadyStarted\":false},"
                            + "{\"workflow\":\"sync-connector\",\"alreadyStarted\":false}],\"ignored\":null}"));

    private GitHubCases() {
    }

    /** Stubs the file get-github-file reads (Step Functions starts every execution it is asked to). */
    public static void stub(GitHubStub github) {
        github.stubFile(GitHubStub.REPOSITORY, GitHubPayloads.INTEGRATION_PATH, GitHubStub.SHA, DEFINITION);
    }

    /** The properties that point the actions at the stubs, with the watches the push matches. */
    public static Map<String, String> properties(GitHubStub github, StepFunctionsStub sfn) {
        Map<String, String> properties = new HashMap<>(GitHubPayloads.watching(sfn));
        properties.put("github.api-url", github.url());
        properties.put("github.token", GitHubStub.TOKEN);
        return properties;
    }
}
