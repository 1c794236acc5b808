package io.ipaasops.core;

import java.util.List;
import java.util.stream.Collectors;

/** The bounds of paging inputs, checked where a page request is made so that every list action names the field. */
public final class PageBounds {

    private PageBounds() {
    }

    /** Adds an error for {@code field} unless {@code size} is absent or in 1..{@code max}. */
    public static void size(String field, Integer size, int max, List<FieldError> errors) {
        if (size != null && (size < 1 || size > max)) {
            errors.add(new FieldError(field, "must be between 1 and " + max));
        }
    }

    /** Throws the validation error listing {@code errors}, if there are any. */
    public static void check(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException("invalid input: " + errors.stream()
                    .map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
    }
}
