package io.ipaasops.local;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.ipaasops.testing.PrismaticStub.json;
import static io.ipaasops.testing.PrismaticStub.operation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.testing.JsonAssert;
import io.ipaasops.functions.Actions;
import io.ipaasops.functions.PrismaticCases;
import io.ipaasops.functions.PrismaticCases.Case;
import io.ipaasops.functions.VersoriCases;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.testing.VersoriStub;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line, run from the shaded jar as its own process against a Prismatic stub. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {

    private final PrismaticStub stub = new PrismaticStub();
    private final VersoriStub versori = new VersoriStub();

    private Map<String, String> env() {
        return Map.of("PRISMATIC_URL", stub.url(), "PRISM_REFRESH_TOKEN", PrismaticStub.REFRESH_TOKEN,
                "VERSORI_URL", versori.url(), "VERSORI_API_KEY", VersoriStub.API_KEY,
                "VERSORI_ORGANISATION_ID", VersoriStub.ORG,
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin"));
    }

    @BeforeEach
    void reset() {
        stub.reset();
        versori.reset();
    }

    @AfterEach
    void everyRequestMatchedThePlatformsContracts() {
        assertEquals(List.of(), stub.graphQlProblems());
        assertEquals(List.of(), versori.violations());
    }

    @AfterAll
    void stop() {
        stub.close();
        versori.close();
    }

    @Test
    void listPrintsEveryActionWithItsHandlerClass() throws Exception {
        CliRun run = CliRun.run(Map.of(), List.of(), null, "--list");

        assertEquals(0, run.exit());
        List<String> lines = run.stdout().lines().toList();
        assertEquals(Actions.all().size(), lines.size());
        assertTrue(lines.contains("deploy-instance\tio.ipaasops.functions.prismatic.DeployInstanceFunction"));
        for (String line : lines) {
            Class.forName(line.split("\t")[1]);
        }
    }

    @Test
    void eachPlatformsActionRunsThroughTheJarAndPrintsItsResult() throws Exception {
        // Every action through the command line runs in-process (CliTest); here one per platform, as a process.
        Case c = PrismaticCases.ALL.get(0);
        stub.stubData(c.operation(), c.data());
        VersoriCases.Case v = VersoriCases.ALL.get(0);
        v.stub(versori);

        CliRun prismatic = CliRun.run(env(), List.of(), null, c.action(), c.input());
        CliRun versoriRun = CliRun.run(env(), List.of(), null, v.action(), v.input());

        assertEquals(0, prismatic.exit(), prismatic.stderr());
        JsonAssert.assertContains(c.expected(), prismatic.stdout());
        assertEquals(0, versoriRun.exit(), versoriRun.stderr());
        JsonAssert.assertContains(v.expected(), versoriRun.stdout());
    }

    @Test
    void aChangeWhoseOutcomeIsUnknownExitsThree() throws Exception {
        stub.stub("deployInstance", com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(504));
        stub.stub("instance", com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(500));

        CliRun run = CliRun.run(env(), List.of(), null, "deploy-instance", "{\"instanceId\":\"x\"}");

        assertEquals(3, run.exit(), run.stderr());
        JsonAssert.assertContains("{\"error\":{\"type\":\"indeterminate\"}}",
                run.stderr().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        assertEquals(1, stub.requests("deployInstance").size());
    }

    @Test
    void versoriApiKeyNeverAppearsEvenWhenEchoedAtTraceLevel() throws Exception {
        versori.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(
                VersoriCases.CONNECTOR_PATH)).willReturn(VersoriStub.json(401,
                VersoriStub.error("401000", "bad key " + VersoriStub.API_KEY, null))));

        CliRun run = CliRun.run(env(), List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace"), null,
                "get-connector", "{\"connectorId\":\"" + VersoriStub.CONNECTOR + "\"}");

        assertEquals(1, run.exit());
        assertTrue(run.stderr().contains("\"type\":\"unauthorized\""), run.stderr());
        assertFalse((run.stdout() + run.stderr()).contains(VersoriStub.API_KEY), "API key leaked");
    }

    @Test
    void inputCanComeFromStdinOrAFile() throws Exception {
        Case c = PrismaticCases.ALL.get(0);
        stub.stubData(c.operation(), c.data());
        Path file = Files.createTempFile("input", ".json");
        Files.writeString(file, c.input());

        CliRun fromStdin = CliRun.run(env(), List.of(), c.input(), c.action());
        CliRun fromFile = CliRun.run(env(), List.of(), null, c.action(), "@" + file);

        assertEquals(0, fromStdin.exit(), fromStdin.stderr());
        assertEquals(0, fromFile.exit(), fromFile.stderr());
        JsonAssert.assertContains(c.expected(), fromStdin.stdout());
        JsonAssert.assertContains(c.expected(), fromFile.stdout());
        Files.delete(file);
    }

    @Test
    void invalidInputExitsTwoWithOneErrorObjectOnStderr() throws Exception {
        CliRun run = CliRun.run(env(), List.of(), null, "deploy-instance", "{\"force\":\"yes\"}");

        assertEquals(2, run.exit());
        assertEquals("", run.stdout());
        String error = run.stderr().lines().filter(l -> l.startsWith("{\"error\"")).findFirst().orElseThrow();
        JsonAssert.assertContains("{\"error\":{\"type\":\"validation\",\"fields\":["
                + "{\"field\":\"instanceId\",\"message\":\"is required\"},"
                + "{\"field\":\"force\",\"message\":\"must be true or false\"}]}}", error);
        assertFalse(run.stderr().contains("\tat "), "no stack trace");
    }

    @Test
    void upstreamFailureExitsOne() throws Exception {
        stub.stub("instance", json(200, "{\"data\":null,\"errors\":[{\"message\":\"Boom\"}]}"));

        CliRun run = CliRun.run(env(), List.of(), null, "get-instance", "{\"instanceId\":\"x\"}");

        assertEquals(1, run.exit());
        JsonAssert.assertContains("{\"error\":{\"type\":\"upstream\",\"message\":\"Prismatic: Boom\"}}",
                run.stderr().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
    }

    @Test
    void tokensNeverAppearInLogsOrErrorsEvenAtTraceLevel() throws Exception {
        // GIVEN a platform that first refuses the access token, then echoes secrets in its error messages
        stub.server().stubFor(operation("instance").inScenario("leak").whenScenarioStateIs(STARTED)
                .willReturn(json(401, "{\"errors\":[{\"message\":\"Unauthorized\"}]}")).willSetStateTo("echo"));
        stub.server().stubFor(operation("instance").inScenario("leak").whenScenarioStateIs("echo")
                .willReturn(okJson("{\"data\":null,\"errors\":[{\"message\":\"bad token " + stub.accessToken()
                        + " for refresh " + PrismaticStub.REFRESH_TOKEN + "\"}]}")));
        List<String> trace = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace");

        // WHEN the CLI runs with every logger at trace, and again with a refresh that is refused
        CliRun echoed = CliRun.run(env(), trace, null, "get-instance", "{\"instanceId\":\"x\"}");
        stub.server().stubFor(post(urlPathEqualTo("/auth/refresh")).willReturn(json(401,
                "{\"error\":\"unknown token " + PrismaticStub.REFRESH_TOKEN + "\"}")));
        CliRun refused = CliRun.run(env(), trace, null, "get-instance", "{\"instanceId\":\"x\"}");

        // THEN both failed, and neither token appears anywhere in what the process printed
        assertEquals(1, echoed.exit(), echoed.stderr());
        assertEquals(1, refused.exit(), refused.stderr());
        assertTrue(echoed.stderr().contains("***"), "the echoed secret is masked: " + echoed.stderr());
        for (CliRun run : List.of(echoed, refused)) {
            String printed = run.stdout() + run.stderr();
            assertTrue(printed.contains("TRACE") || printed.contains("DEBUG"), "trace logging was on");
            assertFalse(printed.contains(PrismaticStub.REFRESH_TOKEN), "refresh token leaked: " + printed);
            assertFalse(printed.contains(stub.accessToken()), "access token leaked: " + printed);
        }
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("serve", "--port", "99999"), Map.of(), "--port"),
                Arguments.of(List.of("serve", "--port", "abc"), Map.of(), "--port"),
                Arguments.of(List.of("serve", "--port"), Map.of(), "--port"),
                Arguments.of(List.of("serve", "--prot", "8080"), Map.of(), "--prot"),
                Arguments.of(List.of("serve", "--host", "300.1.1.1"), Map.of(), "--host"),
                Arguments.of(List.of("serve"), Map.of("PORT", "abc"), "PORT"),
                Arguments.of(List.of("serve"), Map.of("SANDBOX_LATENCY_MS", "soon"), "SANDBOX_LATENCY_MS"),
                Arguments.of(List.of("serve"), Map.of("SANDBOX_ERROR_RATE", "lots"), "SANDBOX_ERROR_RATE"),
                Arguments.of(List.of("serve"), Map.of("SANDBOX_RATE_LIMIT_RATE", "x"), "SANDBOX_RATE_LIMIT_RATE"),
                Arguments.of(List.of("--sandbx", "list-customers", "{}"), Map.of(), "--sandbx"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void aBadFlagOrVariableIsOneLineNamingItExitTwoAndTheProcessEnds(List<String> args, Map<String, String> env,
            String named) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"));

        // CliRun fails the test if the process is still running after its timeout
        CliRun run = CliRun.run(all, List.of(), null, args.toArray(String[]::new));

        assertEquals(2, run.exit(), run.stderr());
        assertEquals("", run.stdout());
        List<String> lines = run.stderr().strip().lines().toList();
        assertEquals(1, lines.size(), run.stderr());
        assertTrue(lines.get(0).contains(named), lines.get(0));
    }

    @Test
    void aPortInUseIsOneLineAndTheProcessEnds() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.run(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin")), List.of(),
                    null, "serve", "--sandbox", "--port", Integer.toString(taken.getLocalPort()));

            assertEquals(1, run.exit(), run.stderr());
            List<String> lines = run.stderr().strip().lines().toList();
            assertEquals(1, lines.size(), run.stderr());
            assertTrue(lines.get(0).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), lines.get(0));
        }
    }

    @Test
    void anActionWithoutCredentialsIsRefusedNamingTheVariablesAndSandbox() throws Exception {
        // GIVEN no credentials at all, and no --sandbox
        Map<String, String> bare = Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"));

        // WHEN a Prismatic and a Versori action run
        CliRun prismatic = CliRun.run(bare, List.of(), null, "get-customer", "{\"customerId\":\"x\"}");
        CliRun versori = CliRun.run(bare, List.of(), null, "get-connector", "{\"connectorId\":\"x\"}");

        // THEN neither falls back to a fake platform: each is refused, and the message says what to do
        assertNotEquals(0, prismatic.exit());
        assertEquals("", prismatic.stdout());
        JsonAssert.assertContains("{\"error\":{\"type\":\"unauthorized\",\"message\":\"no Prismatic credentials:"
                + " set PRISM_REFRESH_TOKEN or PRISMATIC_SECRET_ID, or pass --sandbox to use the built-in sandbox\"}}",
                prismatic.stderr().strip());
        assertNotEquals(0, versori.exit());
        JsonAssert.assertContains("{\"error\":{\"type\":\"unauthorized\",\"message\":\"no Versori credentials:"
                + " set VERSORI_API_KEY or VERSORI_SECRET_ID, or pass --sandbox to use the built-in sandbox\"}}",
                versori.stderr().strip());
    }

    @Test
    void helpSaysAnActionNeedsCredentialsOrSandboxWhileServeFallsBack() throws Exception {
        CliRun help = CliRun.run(Map.of(), List.of(), null, "--help");

        assertEquals(0, help.exit());
        String text = help.stdout().replace("\n", " ").replaceAll(" +", " ");
        assertTrue(text.contains("without that platform's credentials it fails with \"unauthorized\""), text);
        assertTrue(text.contains("Pass --sandbox to run it against the built-in sandbox"), text);
        assertTrue(text.contains("serve uses the built-in sandbox for each platform that has no credentials"), text);
        assertFalse(text.contains("With no credentials, or with --sandbox, the built-in sandbox stands in"), text);
    }
}
