package io.ipaasops.versori;

import io.ipaasops.core.FieldError;
import io.ipaasops.core.PageBounds;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;

/**
 * Which page of a Versori list to fetch; {@code all} follows {@code next} until it is absent, empty or null.
 *
 * @param first  page size (the server's default is 20)
 * @param after  the cursor to start after (a previous page's {@code next})
 * @param before the cursor to end before (a previous page's {@code prev})
 * @param all    whether to fetch every page
 */
public record PageQuery(@Nullable Integer first, @Nullable String after, @Nullable String before, boolean all) {

    /** Checks that {@code first} is in 1..100, the page size this client uses for {@code all} as well. */
    public PageQuery {
        List<FieldError> errors = new ArrayList<>();
        PageBounds.size("first", first, VersoriClient.PAGE_SIZE, errors);
        PageBounds.check(errors);
    }
}
