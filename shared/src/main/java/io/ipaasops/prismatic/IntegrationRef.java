package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;

/** A reference to an integration at a version. */
@Serdeable
public record IntegrationRef(String id, String name, Integer versionNumber) {
}
