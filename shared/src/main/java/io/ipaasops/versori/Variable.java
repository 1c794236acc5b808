package io.ipaasops.versori;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A connection variable: a name and its value.
 *
 * @param name  the variable's name
 * @param value its value
 */
@Serdeable
public record Variable(@NonNull String name, @NonNull String value) {
}
