package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;

/** Relay page info: where this page sits and the cursors to move on. */
@Serdeable
public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
}
