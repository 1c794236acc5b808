package io.ipaasops.core;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Fetches every page of a list, for both platforms: follow the cursor to the end, within a cap on the items. */
public final class AllPages {

    private AllPages() {
    }

    /**
     * One page as read: its items, the cursor of the next page ({@code null} at the end) and the page itself.
     *
     * @param <T> the item type
     * @param <P> the platform's page type
     */
    public record Slice<T, P>(List<T> items, @Nullable String next, P page) {
    }

    /**
     * Every item, with the first and the last page read (for their cursors and totals).
     *
     * @param <T> the item type
     * @param <P> the platform's page type
     */
    public record Collected<T, P>(List<T> items, P first, P last) {
    }

    /**
     * Reads pages from {@code after} until one has no next cursor.
     *
     * @param setting the configuration key of {@code maxItems}, named in the error that stops a larger list
     * @throws ValidationException more than {@code maxItems} items match (on the field {@code all})
     * @throws UpstreamException   the platform handed back the cursor it was given, which would never end
     */
    public static <T, P> Collected<T, P> collect(Platform platform, @Nullable String after, int maxItems,
                                                 String setting, Function<String, Slice<T, P>> read) {
        List<T> items = new ArrayList<>();
        String cursor = after;
        P first = null;
        Slice<T, P> slice;
        do {
            slice = read.apply(cursor);
            if (first == null) {
                first = slice.page();
            }
            items.addAll(slice.items());
            if (items.size() > maxItems) {
                throw new ValidationException("more than " + maxItems + " items match", List.of(new FieldError("all",
                        "more than " + maxItems + " items match (" + setting + "); narrow the filters or page with"
                                + " first/after")));
            }
            if (slice.next() != null && slice.next().equals(cursor)) {
                throw new UpstreamException(platform + " returned the same cursor twice");
            }
            cursor = slice.next();
        } while (cursor != null);
        return new Collected<>(items, first, slice.page());
    }
}
