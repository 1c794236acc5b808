package io.ipaasops.prismatic;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An integration at one version; {@code flows} only from get-integration, {@code versionAttributes} (a JSON string, such
 * as the commit it was published from) only from a publish.
 */
@Serdeable
public record Integration(String id, String name, String description, String category, List<String> labels,
                          Integer versionNumber, String versionComment, Boolean versionIsAvailable,
                          Boolean versionIsLatest, String versionSequenceId, Boolean hasUnpublishedChanges,
                          Boolean isCodeNative, String marketplaceConfiguration, String updatedAt,
                          CustomerRef customer, Nodes<Flow> flows, @Nullable String versionAttributes) {
}
