package io.ipaasops.credentials;

import io.micronaut.core.annotation.Nullable;

/**
 * What Prismatic's token exchange needs: a refresh token and, optionally, the tenant to act in.
 *
 * @param refreshToken the refresh token from {@code prism me:token --type refresh}
 * @param tenantId     the tenant UUID, or null for the user's first tenant on the stack
 */
public record PrismaticCredentials(String refreshToken, @Nullable String tenantId) {

    @Override
    public String toString() {
        return "PrismaticCredentials[refreshToken=***, tenantId=" + tenantId + "]";
    }
}
