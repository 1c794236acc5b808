package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a list (or, with {@code all}, every page's nodes together).
 *
 * @param nodes      the items
 * @param pageInfo   the cursors; with {@code all}, those of the last page fetched
 * @param totalCount how many items match in all
 * @param <T>        the item type
 */
@Serdeable
public record Page<T>(List<T> nodes, PageInfo pageInfo, Integer totalCount) {
}
