package io.ipaasops.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.sandbox.Sandbox;
import io.ipaasops.sandbox.SandboxExamples;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every action against the built-in sandbox, through the local host over real HTTP, as the README shows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalHostTest {

    private final HostClient host = new HostClient(Sandbox.Faults.NONE);

    LocalHostTest() throws Exception {
    }

    static Stream<String> actions() {
        return Actions.all().stream().map(ActionFunction::name);
    }

    @AfterAll
    void stop() {
        host.close();
    }

    @ParameterizedTest
    @MethodSource("actions")
    void everyActionAnswersItsExampleFromTheSandbox(String action) throws Exception {
        Map<String, Object> output = host.run(action, SandboxExamples.all().get(action));

        assertFalse(output.isEmpty(), action + " returned nothing");
        assertFalse(output.get("error") instanceof Map, output::toString);
    }

    @Test
    void indexListsEveryActionWithAnExample() throws Exception {
        HostClient.Answer index = host.get("/");

        assertEquals(200, index.status());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> actions = (List<Map<String, Object>>) index.json().get("actions");
        assertEquals(Actions.all().size(), actions.size());
        assertTrue(actions.stream().allMatch(a -> String.valueOf(a.get("example")).startsWith("curl ")));
        assertEquals("POST /prismatic/deploy-instance", actions.get(0).get("route"));
    }

    @Test
    void badInputIs400UnknownIdIs404UnknownRouteIs404() throws Exception {
        HostClient.Answer invalid = host.post("/prismatic/deploy-instance", "{\"instanceId\":7}");
        HostClient.Answer missing = host.post("/prismatic/get-customer", "{\"customerId\":\"Q3VzdG9tZXI6bm9uZQ==\"}");
        HostClient.Answer unrouted = host.post("/prismatic/deploy-everything", "{}");
        HostClient.Answer wrongPlatform = host.post("/versori/deploy-instance", "{}");

        assertEquals(400, invalid.status());
        JsonAssert.assertContains("{\"error\":{\"type\":\"validation\",\"fields\":[{\"field\":\"instanceId\"}]}}",
                invalid.body());
        assertEquals(404, missing.status(), missing.body());
        assertEquals(404, unrouted.status());
        assertEquals(404, wrongPlatform.status());
    }

    @Test
    void versoriConnectionVariablesPropagateToConnections() throws Exception {
        String connector = "01JD2Z9K8Q7XW2M8N4P6R0T1VE";
        host.run("update-connector", "{\"connectorId\":\"" + connector + "\",\"connectionVariables\":"
                + "[{\"name\":\"account\",\"value\":\"1234567\"}],\"name\":\"NetSuite EU\"}");

        Map<String, Object> after = host.run("get-connector", "{\"connectorId\":\"" + connector + "\"}");

        assertEquals("NetSuite EU", after.get("name"));
        assertEquals(List.of(Map.of("name", "account", "value", "1234567")), after.get("connectionVariables"));
        assertEquals("https://docs.example.com/" + connector, after.get("documentationURL"),
                "a field the caller did not give survived the full replacement");
    }
}
