package io.ipaasops.github;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;

/**
 * Where GitHub's REST API is, under {@code github}: {@code github.api-url}, which the variable GitHub Actions
 * itself sets, {@code GITHUB_API_URL}, maps to (GitHub Enterprise Server: {@code https://HOST/api/v3}).
 */
@ConfigurationProperties("github")
public class GitHubConfig {

    private URI apiUrl = URI.create("https://api.github.com");

    /** The REST API's base URL. */
    public URI getApiUrl() {
        return apiUrl;
    }

    /** Sets the REST API's base URL. */
    public void setApiUrl(URI apiUrl) {
        this.apiUrl = apiUrl;
    }
}
