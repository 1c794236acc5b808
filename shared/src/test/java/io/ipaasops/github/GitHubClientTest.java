package io.ipaasops.github;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.ipaasops.testing.GitHubStub.REPOSITORY;
import static io.ipaasops.testing.GitHubStub.SHA;
import static io.ipaasops.testing.GitHubStub.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.core.ActionException;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.NotFoundException;
import io.ipaasops.core.Sleeper;
import io.ipaasops.core.TransientException;
import io.ipaasops.core.UnauthorizedException;
import io.ipaasops.core.UpstreamException;
import io.ipaasops.core.ValidationException;
import io.ipaasops.testing.GitHubStub;
import io.ipaasops.testing.MutableClock;
import io.ipaasops.testing.RecordingSleeper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.env.PropertySource;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The GitHub client on the wire: the exact contents request, raw bytes back, GitHub's errors and rate limits. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "github.token", value = TOKEN)
@Property(name = "ipaas.retry.base-delay", value = "10ms")
class GitHubClientTest implements TestPropertyProvider {

    private static final String PATH = "integrations/salesforce-sync/integration.yaml";
    private static final String DEFINITION = "name: Salesforce Sync\nflows:\n  - name: Sync Accounts\n";

    private final GitHubStub stub = new GitHubStub();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @Inject
    GitHubClient client;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("github.api-url", stub.url());
    }

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @MockBean(Sleeper.class)
    Sleeper sleeper() {
        return sleeper;
    }

    @BeforeEach
    void reset() {
        stub.reset();
        sleeper.clear();
    }

    @AfterAll
    void stop() {
        stub.close();
    }

    private GitHubFile read(String path) {
        return client.readFile(REPOSITORY, path, SHA);
    }

    @Test
    void readsTheFileAtTheRefWithTheRawMediaTypeTheTokenAndTheApiVersion() {
        // GIVEN a definition in a folder whose name needs encoding, at a commit
        stub.stubFile(REPOSITORY, "integrations/salesforce%20sync/integration.yaml", SHA, DEFINITION);

        // WHEN it is read
        GitHubFile file = read("integrations/salesforce sync/integration.yaml");

        // THEN exactly one request was sent, as GitHub documents it, and the bytes came back as text
        assertEquals(new GitHubFile(REPOSITORY, "integrations/salesforce sync/integration.yaml", SHA, DEFINITION),
                file);
        stub.server().verify(1, getRequestedFor(urlEqualTo(GitHubStub.contentsPath(REPOSITORY,
                "integrations/salesforce%20sync/integration.yaml") + "?ref=" + SHA))
                .withHeader("Accept", equalTo("application/vnd.github.raw+json"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void theTraceHeaderIsNotSentToGitHub() {
        stub.stubFile(REPOSITORY, PATH, SHA, DEFINITION);
        System.setProperty("com.amazonaws.xray.traceHeader", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        try {
            read(PATH);
        } finally {
            System.clearProperty("com.amazonaws.xray.traceHeader");
        }

        stub.server().verify(1, getRequestedFor(urlEqualTo(GitHubStub.contentsPath(REPOSITORY, PATH) + "?ref=" + SHA))
                .withoutHeader("X-Amzn-Trace-Id"));
    }

    @Test
    void aBranchRefIsOneQueryParameterAndALeadingSlashIsDropped() {
        stub.stubFile(REPOSITORY, PATH, "release/2026-11", DEFINITION);

        GitHubFile file = client.readFile(REPOSITORY, "/" + PATH, "release/2026-11");

        assertEquals(PATH, file.path());
        assertEquals(DEFINITION, file.content());
    }

    @Test
    void withoutATokenNoAuthorizationIsSentSoPublicRepositoriesStillRead() {
        stub.stubFile(REPOSITORY, PATH, SHA, DEFINITION);

        try (ApplicationContext anonymous = ApplicationContext.run(Map.of("github.api-url", stub.url(),
                "github.token", ""))) {
            assertEquals(DEFINITION, anonymous.getBean(GitHubClient.class).readFile(REPOSITORY, PATH, SHA).content());
        }

        stub.server().verify(getRequestedFor(urlEqualTo(GitHubStub.contentsPath(REPOSITORY, PATH) + "?ref=" + SHA))
                .withHeader("Authorization", absent()));
    }

    @Test
    void theVariablesGitHubActionsSetsConfigureTheClient() {
        stub.stubFile(REPOSITORY, PATH, SHA, DEFINITION);
        PropertySource environment = PropertySource.of("env", Map.of("GITHUB_API_URL", stub.url(),
                "GITHUB_TOKEN", "ghs_from_the_environment_0123456789"),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);

        try (ApplicationContext context = ApplicationContext.builder().propertySources(environment).start()) {
            context.getBean(GitHubClient.class).readFile(REPOSITORY, PATH, SHA);
        }

        stub.server().verify(getRequestedFor(urlEqualTo(GitHubStub.contentsPath(REPOSITORY, PATH) + "?ref=" + SHA))
                .withHeader("Authorization", equalTo("Bearer ghs_from_the_environment_0123456789")));
    }

    @Test
    void anUnknownFileIsNotFoundNamingRepositoryPathAndRef() {
        stub.server().stubFor(GitHubStub.contents(REPOSITORY, PATH, SHA).willReturn(GitHubStub.error(404,
                "Not Found")));

        NotFoundException e = assertThrows(NotFoundException.class, () -> read(PATH));

        assertEquals("not_found", e.type());
        assertTrue(e.getMessage().contains(REPOSITORY) && e.getMessage().contains(PATH)
                && e.getMessage().contains(SHA), e.getMessage());
    }

    @Test
    void anExhaustedRateLimitIsWaitedOutUntilItsResetWhenTheDeadlineAllows() {
        // GIVEN GitHub's primary rate limit, exhausted, resetting in 12 s, and then the file
        stub.server().stubFor(GitHubStub.contents(REPOSITORY, PATH, SHA).inScenario("limit")
                .whenScenarioStateIs(STARTED).willReturn(GitHubStub.error(403, "API rate limit exceeded")
                        .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-limit", "5000")
                        .withHeader("x-ratelimit-reset", Long.toString(clock.instant().getEpochSecond() + 12)))
                .willSetStateTo("reset"));
        stub.server().stubFor(GitHubStub.contents(REPOSITORY, PATH, SHA).inScenario("limit")
                .whenScenarioStateIs("reset").willReturn(GitHubStub.raw(DEFINITION)));

        // WHEN the file is read with a minute to spare
        GitHubFile file = Deadline.in(Duration.ofMinutes(1), clock).bind(() -> read(PATH));

        // THEN the client waited until the reset, through the waiting seam, and read it
        assertEquals(DEFINITION, file.content());
        assertEquals(List.of(Duration.ofSeconds(12)), sleeper.waits());
    }

    @Test
    void aRateLimitPastTheDeadlineIsTransientAtOnceSayingWhenToComeBack() {
        stub.server().stubFor(GitHubStub.contents(REPOSITORY, PATH, SHA).willReturn(GitHubStub.error(403,
                "API rate limit exceeded").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(clock.instant().getEpochSecond() + 20))));

        TransientException e = assertThrows(TransientException.class,
                () -> Deadline.in(Duration.ofSeconds(5), clock).bind(() -> read(PATH)));

        assertTrue(e.getMessage().contains("retry after 20 s"), e.getMessage());
        assertEquals(List.of(), sleeper.waits());
        assertEquals(1, stub.requests(REPOSITORY).size());
    }

    @Test
    void aRateLimitResettingInAnHourIsNotWaitedFor() {
        stub.server().stubFor(GitHubStub.contents(REPOSITORY, PATH, SHA).willReturn(GitHubStub.error(403,
                "API rate limit exceeded").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", Long.toString(clock.instant().getEpochSecond() + 3600))));

        TransientException e = assertThrows(TransientException.class,
                () -> Deadline.in(Duration.ofMinutes(15), clock).bind(() -> read(PATH)));

        assertTrue(e.getMessage().contains("retry after 3600 s"), e.getMessage());
        assertEquals(List.of(), sleeper.waits());
    }

    @Test
    void aSecondaryRateLimitsRetryAfterIsHonouredOn429And403() {
        for (int status : List.of(429, 403)) {
            stub.reset();
            sleeper.clear();
            stub.server().stubFor(GitHubStub.contents(REPOSITORY, PATH, SHA).inScenario("secondary")
                    .whenScenarioStateIs(STARTED).willReturn(GitHubStub.error(status,
                            "You have exceeded a secondary rate limit").withHeader("retry-after", "3"))
                    .willSetStateTo("ok"));
            stub.server().stubFor(GitHubStub.contents(REPOSITORY, PATH, SHA).inScenario("secondary")
                    .whenScenarioStateIs("ok").willReturn(GitHubStub.raw(DEFINITION)));

            assertEquals(DEFINITION, read(PATH).content(), "HTTP " + status);
            assertEquals(List.of(Duration.ofSeconds(3)), sleeper.waits(), "HTTP " + status);
        }
    }

    @Test
    void aForbiddenThatIsNoRateLimitIsUnauthorized() {
        stub.server().stubFor(GitHubStub.contents(REPOSITORY, PATH, SHA).willReturn(GitHubStub.error(403,
                "Resource not accessible by personal access token")));

        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> read(PATH));

        assertTrue(e.getMessage().contains("Resource not accessible"), e.getMessage());
        assertEquals(List.of(), sleeper.waits());
    }

    @Test
    void aRefusedTokenIsReloadedOnceAndNeverEchoed() {
        stub.server().stubFor(GitHubStub.contents(REPOSITORY, PATH, SHA).willReturn(GitHubStub.error(401,
                "Bad credentials: " + TOKEN)));

        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> read(PATH));

        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertEquals(2, stub.requests(REPOSITORY).size(), "one retry after reloading the credentials");
    }

    @Test
    void anotherClientErrorIsUpstreamWithGitHubsMessageAndTheTokenMasked() {
        stub.server().stubFor(GitHubStub.contents(REPOSITORY, PATH, SHA).willReturn(GitHubStub.error(422,
                "No commit found for the ref, sent with " + TOKEN)));

        UpstreamException e = assertThrows(UpstreamException.class, () -> read(PATH));

        assertTrue(e.getMessage().contains("No commit found for the ref, sent with ***"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void aDirectoryOrABinaryFileIsAValidationErrorOnPath() {
        stub.server().stubFor(GitHubStub.contents(REPOSITORY, "integrations", SHA).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("[{\"type\":\"dir\",\"name\":\"salesforce-sync\"}]")));
        stub.server().stubFor(GitHubStub.contents(REPOSITORY, "logo.png", SHA).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", GitHubStub.RAW)
                .withBody(new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe})));

        for (String path : List.of("integrations", "logo.png")) {
            ValidationException e = assertThrows(ValidationException.class, () -> read(path));
            assertEquals("path", e.fields().get(0).field(), path);
        }
    }

    @Test
    void malformedArgumentsAreRefusedByFieldBeforeAnythingIsSent() {
        ActionException e = assertThrows(ValidationException.class, () -> client.readFile("not-a-repository",
                "a/../../../user", " "));

        assertEquals(List.of("repository", "path", "ref"), e.fields().stream().map(FieldError::field).toList());
        assertEquals(0, stub.server().getAllServeEvents().size());
    }
}
