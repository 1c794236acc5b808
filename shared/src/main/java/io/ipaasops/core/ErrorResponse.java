package io.ipaasops.core;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The one JSON shape every caller sees for a failure: {@code {"error":{"type","message","fields"}}}.
 *
 * @param error what went wrong
 */
@Serdeable
public record ErrorResponse(Detail error) {

    /** The error's type, message (secrets scrubbed) and field problems. */
    @Serdeable
    public record Detail(String type, String message, List<FieldError> fields) {
    }

    /** The response for a typed action failure. */
    public static ErrorResponse of(ActionException e) {
        List<FieldError> fields = e.fields().stream()
                .map(f -> new FieldError(f.field(), Redactor.scrub(f.message())))
                .toList();
        return new ErrorResponse(new Detail(e.type(), Redactor.scrub(e.getMessage()), fields));
    }

    /** The response for a failure that is not one of the typed errors: a fault of ours, details in the log. */
    public static ErrorResponse internal(Throwable e) {
        return new ErrorResponse(new Detail("internal",
                "internal error (" + e.getClass().getSimpleName() + "); see the function's log", List.of()));
    }
}
