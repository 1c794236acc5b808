package io.ipaasops.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.testing.JsonAssert;
import io.ipaasops.functions.Actions;
import io.ipaasops.core.ActionException;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.sandbox.Sandbox;
import io.ipaasops.sandbox.SandboxExamples;
import io.ipaasops.testing.VersoriStub;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sandbox speaks Versori's real contract: every exchange with it, through a proxy that validates against
 * Versori's OpenAPI document, is valid; and fault injection produces what the retry rules expect.
 */
class SandboxContractTest {

    @Test
    void everyVersoriExchangeWithTheSandboxMatchesVersorisOpenApi() throws Exception {
        try (Sandbox sandbox = Sandbox.bind(0, Sandbox.Faults.NONE, Clock.systemUTC());
             VersoriStub proxy = new VersoriStub()) {
            proxy.server().stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(sandbox.url() + "/versori")));
            Map<String, Object> properties = new java.util.HashMap<>(sandbox.properties());
            properties.put("versori.url", proxy.url());
            try (ApplicationContext context = ApplicationContext.run(properties)) {
                sandbox.start(context.getBean(JsonMapper.class));
                ActionInvoker invoker = context.getBean(ActionInvoker.class);
                for (String action : List.of("list-connectors", "get-connector", "update-connector",
                        "list-connections", "get-connection", "update-connection")) {
                    invoker.invoke(Actions.named(action).orElseThrow(),
                            SandboxExamples.all().get(action).getBytes(StandardCharsets.UTF_8),
                            Deadline.in(Duration.ofSeconds(10)));
                }
                ActionException missing = assertThrows(ActionException.class, () -> invoker.invoke(
                        Actions.named("get-connector").orElseThrow(),
                        "{\"connectorId\":\"01JD2Z9K8Q7XW2M8N4P6R0T1ZZ\"}".getBytes(StandardCharsets.UTF_8),
                        Deadline.in(Duration.ofSeconds(10))));
                assertEquals("not_found", missing.type());
            }
            assertTrue(proxy.server().getAllServeEvents().size() >= 9, "the exchanges went through the proxy");
            assertEquals(List.of(), proxy.violations());
        }
    }

    @Test
    void injectedRateLimitsAndOutagesAreRiddenOutByRetries() throws Exception {
        try (HostClient host = new HostClient(new Sandbox.Faults(Duration.ZERO, 0.25, 0.1, 7))) {
            for (int i = 0; i < 8; i++) {
                host.run("list-instances", "{\"first\":2}");
                host.run("list-connectors", "{}");
            }
        }
    }

    @Test
    void aTotalOutageAnswersTransient429() throws Exception {
        try (HostClient host = new HostClient(new Sandbox.Faults(Duration.ZERO, 1.0, 0, 7))) {
            HostClient.Answer answer = host.post("/prismatic/deploy-instance",
                    SandboxExamples.all().get("deploy-instance"));

            // Even the token exchange fails; after its retries the caller is told to come back later.
            assertEquals(429, answer.status(), answer.body());
            JsonAssert.assertContains("{\"error\":{\"type\":\"transient\"}}", answer.body());
        }
    }
}
