package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;

/** The user the refresh token belongs to, with the tenant the access token acts in. */
@Serdeable
public record User(String id, String name, String email, String externalId, String tenantId, Ref role, Ref org,
                   CustomerRef customer) {
}
