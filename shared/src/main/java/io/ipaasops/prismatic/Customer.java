package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A customer of the organization. */
@Serdeable
public record Customer(String id, String name, String description, String externalId, List<String> labels,
                       String avatarUrl, String createdAt, String updatedAt) {
}
