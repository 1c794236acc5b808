package io.ipaasops.prismatic;

import io.ipaasops.core.FieldError;
import io.ipaasops.core.PageBounds;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

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

    /** Prismatic's largest page. */
    public static final int MAX_PAGE_SIZE = 100;

    /** Checks the bounds: {@code first} and {@code last} in 1..100 (Prismatic's page cap), {@code offset} at least 0. */
    public PageRequest {
        List<FieldError> errors = new ArrayList<>();
        PageBounds.size("first", first, MAX_PAGE_SIZE, errors);
        PageBounds.size("last", last, MAX_PAGE_SIZE, errors);
        if (offset != null && offset < 0) {
            errors.add(new FieldError("offset", "must be 0 or more"));
        }
        PageBounds.check(errors);
    }

    /** The first page, at the server's default size. */
    public static PageRequest firstPage() {
        return new PageRequest(null, null, null, null, null, false);
    }
}
