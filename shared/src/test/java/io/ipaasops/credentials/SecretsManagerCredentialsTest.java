package io.ipaasops.credentials;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.core.UnauthorizedException;
import io.ipaasops.prismatic.PrismaticAuth;
import io.ipaasops.prismatic.PrismaticClient;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.MutableClock;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.testing.SecretsManagerStub;
import io.ipaasops.triggers.EventAdapter;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Credentials from AWS Secrets Manager (the real SDK client against a wire stub): lazy, cached, resilient. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "prismatic.secret-id", value = "ipaas/prismatic")
@Property(name = "versori.secret-id", value = "ipaas/versori")
@Property(name = "webhook.secret-id", value = "ipaas/webhook")
@Property(name = "github.secret-id", value = "ipaas/github")
@Property(name = "github.token", value = "env-github-token-that-must-lose")
@Property(name = "prism.refresh-token", value = "env-token-that-must-lose")
class SecretsManagerCredentialsTest implements TestPropertyProvider {

    static {
        AwsTestEnvironment.configure();
    }

    private final SecretsManagerStub secrets = new SecretsManagerStub();
    private final PrismaticStub prismatic = new PrismaticStub();
    private final MutableClock clock = new MutableClock(Instant.now());

    @Inject
    CredentialsProvider<PrismaticCredentials> prismaticCredentials;

    @Inject
    CredentialsProvider<WebhookSecrets> webhookSecrets;

    @Inject
    CredentialsProvider<GitHubCredentials> githubCredentials;

    @Inject
    PrismaticClient client;

    @Inject
    PrismaticAuth auth;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("ipaas.secrets-manager.endpoint", secrets.url(), "prismatic.url", prismatic.url());
    }

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void reset() {
        secrets.server().resetAll();
        prismatic.reset();
        auth.invalidate(prismatic.accessToken());
        // Past every TTL, so each test starts with a fetch.
        clock.advance(Duration.ofHours(1));
    }

    @AfterAll
    void stop() {
        secrets.close();
        prismatic.close();
    }

    @Test
    void nothingIsFetchedAtStartUp() {
        secrets.stubSecret("ipaas/prismatic", "{\"refreshToken\":\"rt-secret-1234567\"}");
        try (ApplicationContext context = ApplicationContext.run(Map.of("prismatic.secret-id", "ipaas/prismatic",
                "ipaas.secrets-manager.endpoint", secrets.url()))) {
            context.getBean(EventAdapter.class);
            context.getBean(PrismaticClient.class);

            assertEquals(0, secrets.reads("ipaas/prismatic"));
        }
    }

    @Test
    void secretWinsOverEnvironmentAndCarriesTheTenant() {
        secrets.stubSecret("ipaas/prismatic", "{\"refreshToken\":\"rt-from-secret-1234\",\"tenantId\":\"t-42\"}");
        prismatic.stubData("customer", "{\"customer\":{\"id\":\"c\",\"name\":\"Acme\"}}");

        client.customer("c");

        prismatic.server().verify(postRequestedFor(urlPathEqualTo("/auth/refresh")).withRequestBody(
                equalToJson("{\"refresh_token\":\"rt-from-secret-1234\",\"tenant_id\":\"t-42\"}")));
    }

    @Test
    void secretIsCachedForItsTtl() {
        secrets.stubSecret("ipaas/prismatic", "{\"refreshToken\":\"rt-cached-123456\"}");

        prismaticCredentials.get();
        clock.advance(Duration.ofMinutes(4));
        prismaticCredentials.get();
        assertEquals(1, secrets.reads("ipaas/prismatic"));

        clock.advance(Duration.ofMinutes(2));
        prismaticCredentials.get();
        assertEquals(2, secrets.reads("ipaas/prismatic"));
    }

    @Test
    void lastGoodValueIsServedWhenARefetchFails() {
        secrets.stubSecret("ipaas/prismatic", "{\"refreshToken\":\"rt-good-1234567\"}");
        prismaticCredentials.get();
        secrets.stubError("ipaas/prismatic", 500, "InternalServiceError");
        clock.advance(Duration.ofMinutes(6));

        assertEquals("rt-good-1234567", prismaticCredentials.get().refreshToken());
        // The refetch was attempted (the SDK itself retries a 500 a few times) and failed.
        assertTrue(secrets.reads("ipaas/prismatic") > 1);
    }

    /** Credentials from a context of their own, so that no earlier fetch is cached. */
    private PrismaticCredentials fresh(String secretId) {
        try (ApplicationContext context = ApplicationContext.run(Map.of("prismatic.secret-id", secretId,
                "ipaas.secrets-manager.endpoint", secrets.url()))) {
            return context.getBean(io.micronaut.core.type.Argument.of(CredentialsProvider.class,
                    PrismaticCredentials.class)).get() instanceof PrismaticCredentials c ? c : null;
        }
    }

    @Test
    void missingSecretIsUnauthorizedNamingTheSecret() {
        secrets.stubError("ipaas/missing", 400, "ResourceNotFoundException");

        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> fresh("ipaas/missing"));

        assertTrue(e.getMessage().contains("ipaas/missing"), e.getMessage());
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
    }

    @Test
    void malformedSecretNeverEchoesItsValue() {
        secrets.stubSecret("ipaas/malformed", "{\"refresh_token\":\"rt-wrong-shape-98765\"}");

        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> fresh("ipaas/malformed"));

        assertTrue(e.getMessage().contains("refreshToken"), e.getMessage());
        assertFalse(e.getMessage().contains("rt-wrong-shape-98765"));
    }

    @Test
    void refusedRefreshTokenRefetchesTheRotatedSecretOnce() {
        // GIVEN the cached secret holds an old token that Prismatic now refuses; the secret was rotated
        secrets.stubSecret("ipaas/prismatic", "{\"refreshToken\":\"rt-old-rotated-away\"}");
        prismaticCredentials.get();
        secrets.stubSecret("ipaas/prismatic", "{\"refreshToken\":\"rt-new-after-rotation\"}");
        prismatic.server().stubFor(post(urlPathEqualTo("/auth/refresh"))
                .withRequestBody(matchingJsonPath("$.refresh_token", com.github.tomakehurst.wiremock.client.WireMock
                        .equalTo("rt-old-rotated-away")))
                .willReturn(PrismaticStub.json(401, "{\"error\":\"invalid\"}")));
        prismatic.stubData("customer", "{\"customer\":{\"id\":\"c\",\"name\":\"Acme\"}}");

        // WHEN a call needs a token
        assertEquals("Acme", client.customer("c").name());

        // THEN the secret was fetched again and the new token used
        assertEquals(2, secrets.reads("ipaas/prismatic"));
        prismatic.server().verify(postRequestedFor(urlPathEqualTo("/auth/refresh"))
                .withRequestBody(equalToJson("{\"refresh_token\":\"rt-new-after-rotation\"}")));
    }

    @Test
    void webhookSecretsComeFromTheirSecret() {
        secrets.stubSecret("ipaas/webhook", "{\"secrets\":[\"whsec-new-123456\",\"whsec-old-654321\"]}");

        assertEquals(2, webhookSecrets.get().secrets().size());
        assertFalse(webhookSecrets.get().toString().contains("whsec"));
        assertEquals("signed with ***", io.ipaasops.core.Redactor.scrub("signed with whsec-old-654321"));
    }

    @Test
    void eachValueOfASecretIsMaskedOnItsOwnWhereverItIsEchoed() {
        secrets.stubSecret("ipaas/prismatic", "{\"refreshToken\":\"rt-echoed-alone-2468\",\"tenantId\":\"t\"}");

        prismaticCredentials.get();

        assertEquals("bad token ***", io.ipaasops.core.Redactor.scrub("bad token rt-echoed-alone-2468"));
    }

    @Test
    void theGitHubTokenComesFromItsSecretIsMaskedOnItsOwnAndAnEmptySecretMeansNone() {
        secrets.stubSecret("ipaas/github", "{\"token\":\"github_pat_from_secret_0123456789\"}");

        GitHubCredentials fromSecret = githubCredentials.get();
        secrets.stubSecret("ipaas/github", "{}");
        clock.advance(Duration.ofHours(1));

        assertEquals("github_pat_from_secret_0123456789", fromSecret.token());
        assertEquals("failed with *** today", io.ipaasops.core.Redactor.scrub(
                "failed with github_pat_from_secret_0123456789 today"));
        assertFalse(fromSecret.toString().contains("github_pat"));
        assertEquals(null, githubCredentials.get().token());
    }
}
