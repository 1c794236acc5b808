package io.ipaasops.prismatic;

import io.micronaut.core.annotation.Nullable;

/**
 * Which page of a list to fetch, in Relay terms; {@code all} follows {@code endCursor} to the end.
 *
 * @param first  page size from the start or after {@code after}
 * @param after  the cursor to start after
 * @param last   page size before {@code before}
 * @param before the cursor to end before
 * @param offset items to skip
 * @param all    whether to fetch every page
 */
public record PageRequest(@Nullable Integer first, @Nullable String after, @Nullable Integer last,
                          @Nullable String before, @Nullable Integer offset, boolean all) {

    /** The first page, at the server's default size. */
    public static PageRequest firstPage() {
        return new PageRequest(null, null, null, null, null, false);
    }
}
