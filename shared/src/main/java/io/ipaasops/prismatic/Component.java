package io.ipaasops.prismatic;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

/** A component available to the organization (public, or private to it). */
@Serdeable
public record Component(String id, String key, @JsonProperty("public") Boolean isPublic, String label,
                        String description, Integer versionNumber, String category, String versionCreatedAt,
                        CustomerRef customer) {
}
