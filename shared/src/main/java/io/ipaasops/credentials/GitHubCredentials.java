package io.ipaasops.credentials;

import io.micronaut.core.annotation.Nullable;

/**
 * What GitHub's REST API needs: a token, or none for public repositories (at the lower anonymous rate limit).
 *
 * @param token a fine-grained or classic token, sent as {@code Authorization: Bearer <token>}; null for none
 */
public record GitHubCredentials(@Nullable String token) {

    @Override
    public String toString() {
        return "GitHubCredentials[token=" + (token == null ? "none" : "***") + "]";
    }
}
