package io.ipaasops.credentials;

import io.ipaasops.core.Redactor;
import io.ipaasops.core.UnauthorizedException;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;

/**
 * Prismatic credentials from the Prism CLI's own variables, {@code PRISM_REFRESH_TOKEN} and the optional
 * {@code PRISMATIC_TENANT_ID} (seen as the properties {@code prism.refresh-token} and {@code prismatic.tenant-id}).
 */
@Singleton
public final class EnvPrismaticCredentials implements CredentialsProvider<PrismaticCredentials> {

    private final PropertyResolver properties;

    /** Creates the provider; nothing is read until {@link #get()}. */
    public EnvPrismaticCredentials(PropertyResolver properties) {
        this.properties = properties;
    }

    @Override
    public PrismaticCredentials get() {
        String token = properties.get("prism.refresh-token", String.class).filter(s -> !s.isBlank())
                .orElseThrow(() -> new UnauthorizedException(
                        "Prismatic credentials are not configured: set PRISM_REFRESH_TOKEN (and optionally"
                                + " PRISMATIC_TENANT_ID)"));
        Redactor.register(token);
        String tenant = properties.get("prismatic.tenant-id", String.class).filter(s -> !s.isBlank()).orElse(null);
        return new PrismaticCredentials(token, tenant);
    }
}
