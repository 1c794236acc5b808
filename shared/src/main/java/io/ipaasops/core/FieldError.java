package io.ipaasops.core;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One problem with one input field; {@code field} is a dotted path such as {@code connectionVariables[0].name}.
 *
 * @param field   the input field, or {@code __all__} when the problem is not tied to one field
 * @param message what is wrong with it
 */
@Serdeable
public record FieldError(String field, String message) {

    /** The field name Prismatic uses for errors that belong to no single field. */
    public static final String ALL = "__all__";
}
