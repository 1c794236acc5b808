package io.ipaasops.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sandbox's {@code importIntegration} reads the definition as YAML, the way Prismatic keeps its integrations. */
class IntegrationImportTest {

    private static final String IMPORT = """
            mutation($id: ID, $definition: String!) {
              importIntegration(input: {integrationId: $id, definition: $definition}) {
                integration { id name description hasUnpublishedChanges flows { nodes { id name stableKey description } } }
                errors { field messages }
              }
            }""";
    private static final String READ = """
            query($id: ID!) {
              integration(id: $id) {
                id name description definition hasUnpublishedChanges updatedAt versionNumber
                flows { nodes { id name stableKey description testUrl } }
              }
            }""";
    private static final String COUNT = "query { integrations(allVersions: true) { totalCount } }";

    private final PrismaticSandbox sandbox = new PrismaticSandbox(Clock.systemUTC(), "http://localhost:1");

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheTopLevelFlowsListMakesFlowsNotNamedStepsBranchesOrPages() {
        String definition = """
                definitionVersion: 7
                name: Slack Alerts
                description: Posts alerts and a daily digest
                configPages:
                  - name: Connections
                    elements:
                      - type: configVar
                        value: Slack Connection
                flows:
                  - name: Notify Channel
                    stableKey: notify
                    description: Posts one alert
                    steps:
                      - name: Trigger
                        isTrigger: true
                      - name: Branch on Severity
                        branches:
                          - name: Critical
                            steps:
                              - name: Page Someone
                  - name: Daily Digest
                    steps:
                      - name: Digest Trigger
                requiredConfigVars:
                  - key: Slack Connection
                    name: not a flow either
                """;

        Map<String, Object> payload = importInto(SandboxSeed.SLACK_ALERTS, definition);

        assertEquals(List.of(), payload.get("errors"));
        Map<String, Object> integration = (Map<String, Object>) payload.get("integration");
        assertEquals("Slack Alerts", integration.get("name"));
        assertEquals("Posts alerts and a daily digest", integration.get("description"));
        List<Map<String, Object>> flows = nodes(integration);
        assertEquals(List.of("Notify Channel", "Daily Digest"), flows.stream().map(f -> f.get("name")).toList());
        assertEquals("notify", flows.get(0).get("stableKey"));
        assertEquals("Posts one alert", flows.get(0).get("description"));
        assertEquals("daily-digest", flows.get(1).get("stableKey"), "a flow without one gets a stable key from its name");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReimportKeepsTheIdOfAFlowThatStaysEvenWhenItsStableKeyRenamesIt() {
        String before = nodes(read(SandboxSeed.SLACK_ALERTS)).get(0).get("id").toString();

        importInto(SandboxSeed.SLACK_ALERTS, "name: Slack Alerts\nflows:\n  - name: Notify Channel\n    stableKey: notify\n");
        Map<String, Object> renamed = importInto(SandboxSeed.SLACK_ALERTS,
                "name: Slack Alerts\nflows:\n  - name: Notify Team\n    stableKey: notify\n  - name: Notify Channel\n");

        List<Map<String, Object>> flows = nodes((Map<String, Object>) renamed.get("integration"));
        assertEquals(List.of("Notify Team", "Notify Channel"), flows.stream().map(f -> f.get("name")).toList());
        assertEquals(before, flows.get(0).get("id"), "the flow with the same stable key is the same flow");
        assertNotEquals(before, flows.get(1).get("id"), "a new flow of the old name is a new flow");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "name: Slack Alerts\nflows: [{name: Notify Channel}\n",
        "name: Slack Alerts\nflows:\n\t- name: Notify Channel\n",
        "name: Slack Alerts\n\tdescription: tab-indented\n",
        "name: Slack Alerts\nname: Twice\n",
        "name: Slack Alerts\nflows:\n  - name: Notify Channel\n   steps: []\n",
        "name: Slack Alerts\n---\nname: A second document\n"
    })
    void malformedYamlIsRefusedAsAPayloadErrorOnDefinitionAndChangesNothing(String definition) {
        Map<String, Object> before = read(SandboxSeed.SLACK_ALERTS);
        Object count = count();

        Map<String, Object> into = importInto(SandboxSeed.SLACK_ALERTS, definition);
        Map<String, Object> fresh = importInto(null, definition);

        for (Map<String, Object> payload : List.of(into, fresh)) {
            assertNull(payload.get("integration"));
            assertEquals("definition", error(payload).get("field"), payload::toString);
            assertTrue(message(payload).startsWith("The definition is not valid YAML: "), payload::toString);
        }
        assertEquals(before, read(SandboxSeed.SLACK_ALERTS));
        assertEquals(count, count(), "no integration was created");
    }

    @ParameterizedTest
    @ValueSource(strings = {"- name: Notify Channel\n- name: Daily Digest\n", "just a sentence", "", "# a comment\n",
        "[name, Slack Alerts]"})
    void aDefinitionWhoseTopLevelIsNotAMappingIsRefused(String definition) {
        Map<String, Object> before = read(SandboxSeed.SLACK_ALERTS);

        Map<String, Object> payload = importInto(SandboxSeed.SLACK_ALERTS, definition);

        assertNull(payload.get("integration"));
        assertEquals("definition", error(payload).get("field"));
        assertTrue(message(payload).contains("mapping"), payload::toString);
        assertEquals(before, read(SandboxSeed.SLACK_ALERTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"description: No name\nflows:\n  - name: Notify Channel\n", "name: \"  \"\n",
        "name: [Slack, Alerts]\n", "name:\n"})
    void aDefinitionWithoutATopLevelNameIsRefusedNamingIt(String definition) {
        Object count = count();

        Map<String, Object> payload = importInto(null, definition);

        assertNull(payload.get("integration"));
        assertEquals("definition", error(payload).get("field"));
        assertTrue(message(payload).contains("`name`"), payload::toString);
        assertEquals(count, count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"name: Slack Alerts\nflows: Notify Channel\n",
        "name: Slack Alerts\nflows:\n  - Notify Channel\n", "name: Slack Alerts\nflows:\n  - description: no name\n",
        "name: Slack Alerts\nflows:\n  - name: Notify Channel\n  - name: Notify Channel\n"})
    void flowsThatAreNotAListOfUniquelyNamedMappingsAreRefused(String definition) {
        Map<String, Object> before = read(SandboxSeed.SLACK_ALERTS);

        Map<String, Object> payload = importInto(SandboxSeed.SLACK_ALERTS, definition);

        assertNull(payload.get("integration"));
        assertEquals("definition", error(payload).get("field"));
        assertTrue(message(payload).contains("flows"), payload::toString);
        assertEquals(before, read(SandboxSeed.SLACK_ALERTS));
    }

    @Test
    void javaTypeTagsAliasBombsDeepNestingAndHugeDefinitionsAreRefusedNotRun() {
        StringBuilder bomb = new StringBuilder("name: Bomb\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 9; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
        }
        List<String> hostile = List.of(
                "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n",
                bomb.toString(),
                "name: Deep\nsteps: " + "[".repeat(5000) + "]".repeat(5000) + "\n",
                "name: Huge\ndescription: " + "x".repeat(3 * 1024 * 1024) + "\n");

        for (String definition : hostile) {
            Map<String, Object> payload = importInto(null, definition);

            assertNull(payload.get("integration"));
            assertEquals("definition", error(payload).get("field"), () -> definition.substring(0, 40));
        }
    }

    private Map<String, Object> importInto(String integrationId, String definition) {
        Map<String, Object> variables = new java.util.HashMap<>();
        variables.put("id", integrationId);
        variables.put("definition", definition);
        return data(sandbox.execute(IMPORT, variables), "importIntegration");
    }

    private Map<String, Object> read(String integrationId) {
        return data(sandbox.execute(READ, Map.of("id", integrationId)), "integration");
    }

    @SuppressWarnings("unchecked")
    private Object count() {
        return data(sandbox.execute(COUNT, Map.of()), "integrations").get("totalCount");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> response, String field) {
        assertNull(response.get("errors"), response::toString);
        return (Map<String, Object>) ((Map<String, Object>) response.get("data")).get(field);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(Map<String, Object> integration) {
        return (List<Map<String, Object>>) ((Map<String, Object>) integration.get("flows")).get("nodes");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> error(Map<String, Object> payload) {
        List<Map<String, Object>> errors = (List<Map<String, Object>>) payload.get("errors");
        assertEquals(1, errors.size(), payload::toString);
        return errors.get(0);
    }

    @SuppressWarnings("unchecked")
    private static String message(Map<String, Object> payload) {
        return ((List<String>) error(payload).get("messages")).get(0);
    }
}
