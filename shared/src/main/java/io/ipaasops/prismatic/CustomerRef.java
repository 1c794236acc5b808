package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;

/** A reference to a customer, with the external id integrations key on. */
@Serdeable
public record CustomerRef(String id, String name, String externalId) {
}
