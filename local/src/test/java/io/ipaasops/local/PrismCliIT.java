package io.ipaasops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.sandbox.Sandbox;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * An ops engineer's everyday Prism CLI commands, reads and writes, against the sandbox: the real
 * {@code @prismatic-io/prism} (pinned in {@code src/test/node}), pointed at it with {@code PRISMATIC_URL} and the
 * access token it hands out, each command checked for the state change it should cause.
 *
 * <p>One in-process sandbox serves every test; each test works on objects it creates or that no other test changes,
 * so they run three at a time (a Prism command costs about a second of CPU, loading its 21 MB bundle). Set-up and
 * read-backs that are not the command under test go straight to the sandbox's GraphQL. One test runs
 * {@code java -jar ipaas-ops-functions.jar sandbox} itself, as a user starts it.</p>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
class PrismCliIT {

    private static final String SYNC = id("Integration", "salesforce-sync");
    private static final String DEFINITION = """
            definitionVersion: 7
            name: Order Sync
            description: Sends each new order to the ERP
            requiredConfigVars:
              - key: API Key
                dataType: string
              - key: Region
                dataType: string
                defaultValue: eu
            flows:
              - name: On Order
                stableKey: on-order
                description: Runs for each order
                steps:
                  - name: Order Webhook
                    isTrigger: true
                    action:
                      key: webhook
                      component: {key: webhook-triggers, version: LATEST, isPublic: true}
                  - name: Send Order
                    action:
                      key: httpPost
                      component: {key: http, version: LATEST, isPublic: true}
            """;

    private ApplicationContext context;
    private Sandbox sandbox;
    private PrismCli prism;
    private Path files;

    @BeforeAll
    void startTheSandboxAndInstallPrism() throws Exception {
        context = ApplicationContext.run();
        sandbox = Sandbox.bind(0, Sandbox.Faults.NONE, Clock.systemUTC()).start(context.getBean(JsonMapper.class));
        prism = PrismCli.against(sandbox.url(), sandbox.accessToken());
        files = Files.createTempDirectory("prism-cli-it");
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        if (context != null) {
            context.close();
        }
    }

    @Test
    void theInstalledPrismIsThePinnedVersionAndMeShowsTheSandboxUser() throws Exception {
        String version = prism.ok("--version");
        String me = prism.ok("me");

        assertTrue(version.contains("@prismatic-io/prism/" + PrismCli.VERSION), version);
        assertTrue(me.contains("Name: Sandbox Admin"), me);
        assertTrue(me.contains("Tenant ID: 00000000-0000-4000-8000-00000000a11e"), me);
        assertTrue(me.contains("Endpoint URL: " + sandbox.url()), me);
    }

    @Test
    void customersAreCreatedUpdatedListedAndDeletedWithTheirUsers() throws Exception {
        // WHEN a customer is created, updated and given a user
        String customer = prism.ok("customers:create", "--name", "Umbrella", "--description", "Pharma",
                "--externalId", "umbrella", "--label", "eu");
        prism.ok("customers:update", customer, "--description", "Pharma, EU");
        String role = prism.ok("customers:users:roles", "--columns", "id,name", "--no-header", "--no-truncate",
                "--filter", "name=^Admin$").split("\\s+")[0];
        String user = prism.ok("customers:users:create", "--customer", customer, "--email", "ops@umbrella.example",
                "--name", "Una Ops", "--role", role);

        // THEN the lists show them as changed
        Map<String, Object> listed = only(list("customers:list"), "name", "Umbrella");
        assertEquals("Pharma, EU", listed.get("description"));
        assertEquals("umbrella", listed.get("externalId"));
        Map<String, Object> listedUser = only(list("customers:users:list", customer), "email", "ops@umbrella.example");
        assertEquals(user, listedUser.get("id"));
        assertEquals("Una Ops", listedUser.get("name"));

        // WHEN the user and then the customer are deleted THEN both are gone
        prism.ok("customers:users:delete", user);
        assertEquals(Map.of("customer", Map.of("users", Map.of("totalCount", 0))), graphQl("query($id: ID!) {"
                + " customer(id: $id) { users { totalCount } } }", Map.of("id", customer)));
        prism.ok("customers:delete", customer);
        assertEquals(null, graphQl("query($id: ID!) { customer(id: $id) { id } }", Map.of("id", customer))
                .get("customer"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void importThenExportGivesTheYamlBackAndPublishRaisesTheVersion() throws Exception {
        Path yaml = write("order-sync.yml", DEFINITION);
        assertTrue(prism.ok("integrations:validate-yaml", yaml.toString()).contains("Integration YAML is valid"));

        // WHEN a definition is imported as a new integration
        String integration = prism.ok("integrations:import", "--path", yaml.toString());

        // THEN its export is the same YAML, its flows are the definition's, and it is listed, unpublished
        Map<String, Object> exported = (Map<String, Object>) yaml(prism.ok("integrations:export", integration));
        assertEquals(yaml(DEFINITION), exported);
        List<Map<String, Object>> flows = list("integrations:flows:list", integration);
        assertEquals(List.of("On Order"), flows.stream().map(f -> f.get("name")).toList());
        assertEquals("Order Sync", only(list("integrations:list", "--search", "order sync"), "id", integration)
                .get("name"));

        // WHEN it is published with a comment and commit attributes
        String version = prism.ok("integrations:publish", integration, "--comment", "First release",
                "--commitHash", "0a1b2c3", "--repoUrl", "https://git.example/acme/order-sync");

        // THEN version 1 is a record of its own, listed in the sequence, with the attributes read back
        assertNotEquals(integration, version);
        Map<String, Object> listed = only(list("integrations:versions", integration), "id", version);
        // (Prism's JSON output gives every cell as text)
        assertEquals("1", listed.get("versionNumber"));
        assertEquals("First release", listed.get("versionComment"));
        Map<String, Object> read = graphQl("query($id: ID!) { integration(id: $id) { versionNumber versionAttributes"
                + " hasUnpublishedChanges } }", Map.of("id", version));
        assertEquals(Map.of("commitHash", "0a1b2c3", "repoUrl", "https://git.example/acme/order-sync"),
                Json.read((String) ((Map<String, Object>) read.get("integration")).get("versionAttributes"), Map.class));
        // AND with nothing new a second publish is refused, with Prismatic's message
        PrismCli.Run again = prism.run("integrations:publish", integration, "--comment", "Nothing new");
        assertEquals(1, again.exit(), again::all);
        assertTrue(again.err().contains("There are no unpublished changes to publish."), again::all);

        // WHEN it is changed and published again THEN the version rises to 2, with the change
        prism.ok("integrations:update", integration, "--description", "Sends orders and refunds");
        String second = prism.ok("integrations:publish", integration, "--comment", "Refunds");
        Map<String, Object> newest = graphQl("query($id: ID!) { integration(id: $id) { versionNumber definition } }",
                Map.of("id", second));
        assertEquals(2, ((Map<String, Object>) newest.get("integration")).get("versionNumber"));
        assertTrue(((String) ((Map<String, Object>) newest.get("integration")).get("definition"))
                .contains("description: Sends orders and refunds"), newest::toString);
    }

    @Test
    void aDefinitionThatIsNotYamlIsRefusedByValidateAndImport() throws Exception {
        Path broken = write("broken.yml", "name: [Order Sync\n");

        PrismCli.Run validate = prism.run("integrations:validate-yaml", broken.toString());
        PrismCli.Run imported = prism.run("integrations:import", "--path", broken.toString());

        assertEquals(1, validate.exit(), validate::all);
        assertTrue(validate.err().contains("The definition is not valid YAML"), validate::all);
        assertTrue(imported.exit() != 0 && imported.err().contains("definition: The definition is not valid YAML"),
                imported::all);
    }

    @Test
    void integrationsAreCreatedForkedMarkedUnavailableAndDeleted() throws Exception {
        String v2 = id("Integration", "salesforce-sync-v2");

        String scratch = prism.ok("integrations:create", "--name", "Scratch", "--description", "To be deleted");
        String fork = prism.ok("integrations:fork", SYNC, "--name", "Sync Fork", "--description", "A fork");
        prism.ok("integrations:available", v2, "--no-available");
        Object unavailable = field(v2, "versionIsAvailable");
        prism.ok("integrations:available", v2, "--available");
        prism.ok("integrations:delete", scratch);
        PrismCli.Run inUse = prism.run("integrations:delete", SYNC);

        assertEquals(Map.of("integration", Map.of("name", "Sync Fork", "parent", Map.of("id", SYNC),
                "flows", Map.of("totalCount", 2))), graphQl("query($id: ID!) { integration(id: $id) { name"
                + " parent { id } flows { totalCount } } }", Map.of("id", fork)));
        assertEquals(false, unavailable);
        assertEquals(true, field(v2, "versionIsAvailable"));
        assertEquals(null, graphQl("query($id: ID!) { integration(id: $id) { id } }", Map.of("id", scratch))
                .get("integration"));
        assertTrue(inUse.exit() != 0 && inUse.err().contains("has instances"), inUse::all);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInstanceIsCreatedConfiguredDeployedMovedToAVersionDisabledAndDeleted() throws Exception {
        // GIVEN an integration with two published versions (made directly: import and publish are tested above)
        String integration = importIntegration(DEFINITION.replace("name: Order Sync", "name: Order Sync for Instances"));
        String v1 = publish(integration);
        importIntegration(integration, DEFINITION.replace("Sends each new order", "Sends each order"));
        String v2 = publish(integration);
        String customer = id("Customer", "initech");

        // WHEN an instance of version 1 is created with a config variable
        String instance = prism.ok("instances:create", "--name", "Initech - Orders", "--integration", v1,
                "--customer", customer, "--config-vars", "[{\"key\":\"API Key\",\"value\":\"k-123\"}]",
                "--label", "prod");

        // THEN it is listed with its config variables, and needs a deploy
        assertEquals("true", only(list("instances:list", "--customer", customer), "id", instance).get("enabled"));
        Map<String, Object> apiKey = only(list("instances:config-vars:list", instance), "key", "API Key");
        assertEquals("k-123", apiKey.get("value"));
        assertEquals(Map.of("needsDeploy", true, "deployedVersion", 0, "labels", List.of("prod"),
                "integration", Map.of("id", v1)), instance(instance));

        // WHEN it is deployed THEN it runs version 1 and needs nothing
        prism.ok("instances:deploy", instance);
        assertEquals(false, instance(instance).get("needsDeploy"));
        assertEquals(1, instance(instance).get("deployedVersion"));

        // WHEN it is moved to version 2 THEN it needs a deploy; with --deploy it is deployed at once
        prism.ok("instances:update", instance, "--version", v2);
        assertEquals(Map.of("needsDeploy", true, "deployedVersion", 1, "labels", List.of("prod"),
                "integration", Map.of("id", v2)), instance(instance));
        prism.ok("instances:update", instance, "--name", "Initech - Order Sync", "--version", v2, "--deploy");
        assertEquals(2, instance(instance).get("deployedVersion"));
        assertEquals(false, instance(instance).get("needsDeploy"));

        // WHEN it is disabled THEN it is; enabled again, it is back
        prism.ok("instances:disable", instance);
        assertEquals(false, field(instance, "enabled"));
        prism.ok("instances:enable", instance);
        assertEquals(true, field(instance, "enabled"));

        // WHEN its flow config is tested THEN an execution of the instance starts
        Map<String, Object> config = list("instances:flow-configs:list", instance).get(0);
        prism.ok("instances:flow-configs:test", (String) config.get("id"), "--payload", "{\"order\":7}");
        Map<String, Object> executions = graphQl("query($id: ID!) { instance(id: $id) { lastExecutedAt } }",
                Map.of("id", instance));
        assertTrue(((Map<String, Object>) executions.get("instance")).get("lastExecutedAt") != null);

        // WHEN it is deleted THEN it is gone
        prism.ok("instances:delete", instance);
        assertEquals(null, graphQl("query($id: ID!) { instance(id: $id) { id } }", Map.of("id", instance))
                .get("instance"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFlowTestStartsAnExecutionWhoseStepResultsCanBeFetched() throws Exception {
        String integration = importIntegration(DEFINITION.replace("name: Order Sync", "name: Order Sync for Tests"));
        Path payload = write("payload.json", "{\"order\": 42}");

        // WHEN the flow is tested by name, with a payload
        String output = prism.ok("integrations:flows:test", "--integration-id", integration, "--flow-name",
                "On Order", "--payload", payload.toString(), "--quiet");

        // THEN it answers with the execution's id, whose step results Prism reads once the steps ended
        String execution = (String) Json.read(output.substring(output.indexOf('{')), Map.class).get("executionId");
        assertTrue(new String(Base64.getDecoder().decode(execution)).startsWith("InstanceExecutionResult:"), output);
        waitForTheEnd(execution);
        assertEquals(Map.of("order", 42), Json.read(prism.ok("executions:step-result:get", "--executionId",
                execution, "--stepName", "Send Order"), Map.class));
        PrismCli.Run unknownStep = prism.run("executions:step-result:get", "--executionId", execution,
                "--stepName", "No Such Step");
        assertTrue(unknownStep.err().contains("No step results found"), unknownStep::all);
    }

    @Test
    void componentsTheirActionsAndTriggersAreListedWithTheFiltersPrismSends() throws Exception {
        List<String> keys = list("components:list").stream().map(c -> (String) c.get("key")).toList();
        List<String> found = list("components:list", "--search", "sales").stream().map(c -> (String) c.get("key"))
                .toList();
        String actions = prism.ok("components:actions:list", "slack");

        assertTrue(keys.containsAll(List.of("http", "salesforce", "slack", "code", "webhook-triggers")), keys::toString);
        assertEquals(List.of("salesforce"), found);
        assertTrue(actions.contains("Post Message") && !actions.contains("Select Channel"), actions);
    }

    @Test
    void aMutationOnAnUnknownIdFailsWithPrismaticsMessageNotACrash() throws Exception {
        for (String[] command : List.of(new String[] {"instances:deploy", id("Instance", "nope")},
                new String[] {"customers:update", id("Customer", "nope"), "--name", "X"})) {
            PrismCli.Run run = prism.run(command);

            assertEquals(1, run.exit(), run::all);
            assertTrue(run.err().contains("matching query does not exist."), run::all);
            assertFalse(run.err().contains("TypeError"), run::all);
        }
    }

    @Test
    void graphqlQueryRunsAnyDocument() throws Exception {
        String out = prism.ok("graphql:query", "query { authenticatedUser { email org { name } } }");

        assertEquals(Map.of("authenticatedUser", Map.of("email", "admin@sandbox.local",
                "org", Map.of("name", "Sandbox Org"))), Json.read(out, Map.class));
    }

    @Test
    void theSandboxCommandPrintsAUrlAndATokenThatPrismUses() throws Exception {
        try (ServeProcess standalone = ServeProcess.startCommand(Map.of("SANDBOX_INSTANCES", "5"), "sandbox",
                "--port", "0")) {
            String url = standalone.await(l -> l.startsWith("  Prismatic:")).split("\\s+")[2];
            String token = standalone.await(l -> l.startsWith("  Access token:")).split("\\s+")[3];
            PrismCli there = prism.at(url, token);

            assertTrue(there.ok("me").contains("Endpoint URL: " + url));
            assertEquals(4 + 5, there.ok("instances:list", "--columns", "id", "--no-header").lines().count());
        }
    }

    /** One field of the object with this id (an instance or an integration). */
    @SuppressWarnings("unchecked")
    private Object field(String id, String field) throws Exception {
        String type = new String(Base64.getDecoder().decode(id)).split(":")[0].toLowerCase(java.util.Locale.ROOT);
        return ((Map<String, Object>) graphQl("query($id: ID!) { " + type + "(id: $id) { " + field + " } }",
                Map.of("id", id)).get(type)).get(field);
    }

    private String importIntegration(String definition) throws Exception {
        return importIntegration(null, definition);
    }

    @SuppressWarnings("unchecked")
    private String importIntegration(String into, String definition) throws Exception {
        Map<String, Object> variables = new java.util.HashMap<>(Map.of("definition", definition));
        if (into != null) {
            variables.put("id", into);
        }
        Map<String, Object> payload = (Map<String, Object>) graphQl("mutation($id: ID, $definition: String!) {"
                + " importIntegration(input: {integrationId: $id, definition: $definition}) { integration { id } } }",
                variables).get("importIntegration");
        return (String) ((Map<String, Object>) payload.get("integration")).get("id");
    }

    @SuppressWarnings("unchecked")
    private String publish(String integration) throws Exception {
        Map<String, Object> payload = (Map<String, Object>) graphQl("mutation($id: ID!) { publishIntegration(input:"
                + " {id: $id}) { integration { id } } }", Map.of("id", integration)).get("publishIntegration");
        return (String) ((Map<String, Object>) payload.get("integration")).get("id");
    }

    private Map<String, Object> instance(String id) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> instance = (Map<String, Object>) graphQl("query($id: ID!) { instance(id: $id) {"
                + " needsDeploy deployedVersion labels integration { id } } }", Map.of("id", id)).get("instance");
        return instance;
    }

    /** Polls the sandbox (not Prism, to keep the suite short) until the execution ended; a test run takes 1.5 s. */
    @SuppressWarnings("unchecked")
    private void waitForTheEnd(String execution) throws Exception {
        for (int i = 0; i < 50; i++) {
            Map<String, Object> read = graphQl("query($id: ID!) { executionResult(id: $id) { endedAt } }",
                    Map.of("id", execution));
            if (((Map<String, Object>) read.get("executionResult")).get("endedAt") != null) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("execution " + execution + " did not end within 5 s");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> graphQl(String query, Map<String, Object> variables) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.url() + "/api")).header("Authorization", "Bearer " + sandbox.accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        Json.write(Map.of("query", query, "variables", variables)))).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Object> body = Json.read(response.body(), Map.class);
        assertEquals(null, body.get("errors"), response::body);
        return (Map<String, Object>) body.get("data");
    }

    /** A listing command's rows, with every column, as JSON. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String... command) throws Exception {
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                java.util.stream.Stream.of("--extended", "--output", "json")).toArray(String[]::new);
        return Json.read(prism.ok(args), List.class);
    }

    private static Map<String, Object> only(List<Map<String, Object>> rows, String key, Object value) {
        List<Map<String, Object>> matching = rows.stream().filter(r -> value.equals(r.get(key))).toList();
        assertEquals(1, matching.size(), () -> "one row with " + key + "=" + value + " in " + rows);
        return matching.get(0);
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(files.resolve(name), text);
    }

    private static Object yaml(String text) {
        return new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    private static String id(String type, String key) {
        return Base64.getEncoder().encodeToString((type + ":" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
