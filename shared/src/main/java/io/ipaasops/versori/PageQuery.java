package io.ipaasops.versori;

import io.micronaut.core.annotation.Nullable;

/**
 * Which page of a Versori list to fetch; {@code all} follows {@code next} until it is absent, empty or null.
 *
 * @param first  page size (the server's default is 20)
 * @param after  the cursor to start after (a previous page's {@code next})
 * @param before the cursor to end before (a previous page's {@code prev})
 * @param all    whether to fetch every page
 */
public record PageQuery(@Nullable Integer first, @Nullable String after, @Nullable String before, boolean all) {
}
