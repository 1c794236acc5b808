package io.ipaasops.local;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipaasops.functions.GitHubCases;
import io.ipaasops.functions.PrismaticCases;
import io.ipaasops.functions.VersoriCases;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.GitHubStub;
import io.ipaasops.testing.JsonAssert;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.testing.StepFunctionsStub;
import io.ipaasops.testing.VersoriStub;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every action through the command line's own entry point, in-process: the name finds the handler, the argument is
 * the input, the result is printed. (CliIT runs the jar as a process for what only a process shows.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTest {

    private final PrismaticStub stub = new PrismaticStub();
    private final VersoriStub versori = new VersoriStub();
    private final GitHubStub github = new GitHubStub();
    private final StepFunctionsStub sfn = new StepFunctionsStub();
    private final Map<String, String> configuration = configuration();

    /** What one run printed and returned. */
    record Run(int exit, String stdout, String stderr) {
    }

    private Map<String, String> configuration() {
        Map<String, String> all = new HashMap<>(GitHubCases.properties(github, sfn));
        all.putAll(Map.of("prismatic.url", stub.url(), "prism.refresh-token", PrismaticStub.REFRESH_TOKEN,
                "versori.url", versori.url(), "versori.api-key", VersoriStub.API_KEY,
                "versori.organisation-id", VersoriStub.ORG));
        return all;
    }

    @BeforeAll
    void configure() {
        AwsTestEnvironment.configure();
        // The CLI reads its configuration from the environment; system properties are the same source to Micronaut.
        configuration.forEach(System::setProperty);
    }

    @AfterAll
    void stop() {
        configuration.keySet().forEach(System::clearProperty);
        stub.close();
        versori.close();
        github.close();
        sfn.close();
    }

    @BeforeEach
    void reset() {
        stub.reset();
        versori.reset();
        github.reset();
        sfn.reset();
    }

    @AfterEach
    void everyRequestMatchedThePlatformsContracts() {
        assertEquals(List.of(), stub.graphQlProblems());
        assertEquals(List.of(), versori.violations());
    }

    static Stream<PrismaticCases.Case> prismaticCases() {
        return PrismaticCases.ALL.stream();
    }

    static Stream<VersoriCases.Case> versoriCases() {
        return VersoriCases.ALL.stream();
    }

    static Stream<GitHubCases.Case> gitHubCases() {
        return GitHubCases.ALL.stream();
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Cli.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("prismaticCases")
    void eachPrismaticActionRunsThroughTheCli(PrismaticCases.Case c) {
        stub.stubData(c.operation(), c.data());

        Run run = cli(c.action(), c.input());

        assertEquals(0, run.exit(), run.stderr());
        JsonAssert.assertContains(c.expected(), run.stdout());
        assertEquals(JsonAssert.parse(c.variables()), PrismaticStub.variables(stub.requests(c.operation()).get(0)));
    }

    @ParameterizedTest
    @MethodSource("versoriCases")
    void eachVersoriActionRunsThroughTheCli(VersoriCases.Case c) {
        c.stub(versori);

        Run run = cli(c.action(), c.input());

        assertEquals(0, run.exit(), run.stderr());
        JsonAssert.assertContains(c.expected(), run.stdout());
        if (c.putBody() != null) {
            versori.server().verify(1, putRequestedFor(urlPathEqualTo(c.getPath()))
                    .withRequestBody(equalToJson(c.putBody())));
        }
    }

    @ParameterizedTest
    @MethodSource("gitHubCases")
    void eachGitHubActionRunsThroughTheCli(GitHubCases.Case c) {
        GitHubCases.stub(github);

        Run run = cli(c.action(), c.input());

        assertEquals(0, run.exit(), run.stderr());
        JsonAssert.assertContains(c.expected(), run.stdout());
    }

    @Test
    void gitHubNeedsNoCredentialsSoAnAnonymousReadIsNotRefused() {
        System.clearProperty("github.token");
        try {
            GitHubCases.stub(github);

            Run run = cli(GitHubCases.ALL.get(0).action(), GitHubCases.ALL.get(0).input());

            assertEquals(0, run.exit(), run.stderr());
            assertEquals(null, github.requests(GitHubStub.REPOSITORY).get(0).getHeader("Authorization"));
        } finally {
            System.setProperty("github.token", GitHubStub.TOKEN);
        }
    }
}
