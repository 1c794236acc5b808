package io.ipaasops.credentials;

import io.micronaut.core.annotation.Nullable;

/**
 * What Versori's connect API needs: an API key and the organisation actions default to.
 *
 * @param apiKey         the API key, sent as {@code Authorization: Bearer <key>}
 * @param organisationId the default organisation, or null when every call must name one
 */
public record VersoriCredentials(String apiKey, @Nullable String organisationId) {

    @Override
    public String toString() {
        return "VersoriCredentials[apiKey=***, organisationId=" + organisationId + "]";
    }
}
