package io.ipaasops.credentials;

import io.ipaasops.core.Redactor;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Credentials from AWS Secrets Manager: set {@code PRISMATIC_SECRET_ID}, {@code VERSORI_SECRET_ID},
 * {@code GITHUB_SECRET_ID} or {@code WEBHOOK_SECRET_ID} and that secret replaces the corresponding environment
 * variables. Each value is registered with the {@link Redactor} on its own: CachedSecret registers the whole secret
 * text, which an echo of one value would not contain.
 */
@Factory
final class SecretsManagerCredentials {

    /** {@code {"refreshToken": "...", "tenantId": "..."}}, tenantId optional. */
    @Serdeable
    record PrismaticSecret(String refreshToken, @Nullable String tenantId) {
    }

    /** {@code {"apiKey": "...", "organisationId": "..."}}, organisationId optional. */
    @Serdeable
    record VersoriSecret(String apiKey, @Nullable String organisationId) {
    }

    /** {@code {"token": "..."}}; {@code {}} means no token (public repositories only). */
    @Serdeable
    record GitHubSecret(@Nullable String token) {
    }

    /** {@code {"secrets": ["...", ...]}}: every active webhook secret. */
    @Serdeable
    record WebhookSecret(List<String> secrets) {
    }

    private final SecretsManager secrets;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Duration ttl;

    SecretsManagerCredentials(SecretsManager secrets, JsonMapper mapper, Clock clock,
                              @Property(name = "ipaas.secrets.ttl", defaultValue = "5m") Duration ttl) {
        this.secrets = secrets;
        this.mapper = mapper;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Singleton
    @Replaces(EnvPrismaticCredentials.class)
    @Requires(property = "prismatic.secret-id")
    CredentialsProvider<PrismaticCredentials> prismatic(@Property(name = "prismatic.secret-id") String secretId) {
        return provider(new CachedSecret<>(secretId, raw -> {
            PrismaticSecret s = parse(raw, PrismaticSecret.class, secretId, "{\"refreshToken\",\"tenantId\"?}");
            if (s.refreshToken() == null || s.refreshToken().isBlank()) {
                throw CachedSecret.malformed(secretId, "{\"refreshToken\",\"tenantId\"?}");
            }
            Redactor.register(s.refreshToken());
            return new PrismaticCredentials(s.refreshToken(), blankToNull(s.tenantId()));
        }, secrets, clock, ttl));
    }

    @Singleton
    @Replaces(EnvVersoriCredentials.class)
    @Requires(property = "versori.secret-id")
    CredentialsProvider<VersoriCredentials> versori(@Property(name = "versori.secret-id") String secretId) {
        return provider(new CachedSecret<>(secretId, raw -> {
            VersoriSecret s = parse(raw, VersoriSecret.class, secretId, "{\"apiKey\",\"organisationId\"?}");
            if (s.apiKey() == null || s.apiKey().isBlank()) {
                throw CachedSecret.malformed(secretId, "{\"apiKey\",\"organisationId\"?}");
            }
            Redactor.register(s.apiKey());
            return new VersoriCredentials(s.apiKey(), blankToNull(s.organisationId()));
        }, secrets, clock, ttl));
    }

    @Singleton
    @Replaces(EnvGitHubCredentials.class)
    @Requires(property = "github.secret-id")
    CredentialsProvider<GitHubCredentials> github(@Property(name = "github.secret-id") String secretId) {
        // The stack creates the secret holding {}: until a token is put there, calls are anonymous.
        return provider(new CachedSecret<>(secretId, raw -> {
            String token = blankToNull(parse(raw, GitHubSecret.class, secretId, "{\"token\"?}").token());
            Redactor.register(token);
            return new GitHubCredentials(token);
        }, secrets, clock, ttl));
    }

    @Singleton
    @Replaces(EnvWebhookSecrets.class)
    @Requires(property = "webhook.secret-id")
    CredentialsProvider<WebhookSecrets> webhook(@Property(name = "webhook.secret-id") String secretId) {
        return provider(new CachedSecret<>(secretId, raw -> {
            WebhookSecret s = parse(raw, WebhookSecret.class, secretId, "{\"secrets\":[...]}");
            if (s.secrets() == null) {
                throw CachedSecret.malformed(secretId, "{\"secrets\":[...]}");
            }
            List<String> active = s.secrets().stream().filter(x -> x != null && !x.isBlank()).toList();
            active.forEach(Redactor::register);
            return new WebhookSecrets(active);
        }, secrets, clock, ttl));
    }

    private static <T> CredentialsProvider<T> provider(CachedSecret<T> secret) {
        return new CredentialsProvider<>() {
            @Override
            public T get() {
                return secret.get();
            }

            @Override
            public void refresh() {
                secret.refresh();
            }
        };
    }

    private <T> T parse(String raw, Class<T> type, String secretId, String expected) {
        try {
            T value = mapper.readValue(raw, type);
            if (value == null) {
                throw CachedSecret.malformed(secretId, expected);
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof io.ipaasops.core.UnauthorizedException u) {
                throw u;
            }
            throw CachedSecret.malformed(secretId, expected);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
