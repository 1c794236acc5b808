package io.ipaasops.credentials;

import io.ipaasops.core.Redactor;
import io.ipaasops.core.UnauthorizedException;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

/**
 * Versori credentials from {@code VERSORI_API_KEY} and the optional {@code VERSORI_ORGANISATION_ID} (seen as the
 * properties {@code versori.api-key} and {@code versori.organisation-id}).
 */
@Singleton
public final class EnvVersoriCredentials implements CredentialsProvider<VersoriCredentials> {

    private final PropertyResolver properties;

    /** Creates the provider; nothing is read until {@link #get()}. */
    public EnvVersoriCredentials(PropertyResolver properties) {
        this.properties = properties;
    }

    @Override
    public VersoriCredentials get() {
        String key = properties.get("versori.api-key", String.class).filter(s -> !s.isBlank())
                .orElseThrow(() -> new UnauthorizedException(
                        "Versori credentials are not configured: set VERSORI_API_KEY (and optionally"
                                + " VERSORI_ORGANISATION_ID)"));
        Redactor.register(key);
        String organisation = properties.get("versori.organisation-id", String.class).filter(s -> !s.isBlank())
                .orElse(null);
        return new VersoriCredentials(key, organisation);
    }
}
