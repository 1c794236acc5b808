package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;

/** A reference to a related object: its id and name. */
@Serdeable
public record Ref(String id, String name) {
}
