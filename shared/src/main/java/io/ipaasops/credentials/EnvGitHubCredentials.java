package io.ipaasops.credentials;

import io.ipaasops.core.Redactor;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

/**
 * GitHub credentials from {@code GITHUB_TOKEN} (seen as the property {@code github.token}); none configured is
 * valid and means anonymous calls, which reach public repositories only.
 */
@Singleton
public final class EnvGitHubCredentials implements CredentialsProvider<GitHubCredentials> {

    private final PropertyResolver properties;

    /** Creates the provider; nothing is read until {@link #get()}. */
    public EnvGitHubCredentials(PropertyResolver properties) {
        this.properties = properties;
    }

    @Override
    public GitHubCredentials get() {
        String token = properties.get("github.token", String.class).filter(s -> !s.isBlank()).orElse(null);
        Redactor.register(token);
        return new GitHubCredentials(token);
    }
}
