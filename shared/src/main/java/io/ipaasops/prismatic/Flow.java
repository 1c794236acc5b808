package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;

/** A flow of an integration; its id is what test-flow takes. */
@Serdeable
public record Flow(String id, String stableKey, String name, String description, String testUrl) {
}
