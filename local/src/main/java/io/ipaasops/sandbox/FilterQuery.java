package io.ipaasops.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code filterQuery} argument of {@code components}: a JSON expression such as
 * {@code ["or", ["in", "key", "sales"], ["in", "label", "sales"]]}, which Prism's {@code components:list --search}
 * sends. The sandbox knows {@code and}, {@code or}, {@code in} (the text occurs in the field, ignoring case) and
 * {@code eq}; anything else is refused with an error that names it.
 */
final class FilterQuery {

    /** The operators the sandbox evaluates. */
    enum Operator {
        AND, OR, IN, EQ;

        static Operator of(Object name) {
            for (Operator operator : values()) {
                if (operator.name().equalsIgnoreCase(String.valueOf(name))) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("filterQuery: the sandbox does not know the operator '" + name
                    + "' (it knows and, or, in, eq)");
        }
    }

    private FilterQuery() {
    }

    /** The predicate a filter query describes; everything passes when there is none. */
    static Predicate<Map<String, Object>> parse(Object query) {
        if (query == null) {
            return item -> true;
        }
        Object expression = query instanceof String text ? Json.read(text) : query;
        if (!(expression instanceof List<?>)) {
            throw new IllegalArgumentException("filterQuery: not a JSON expression such as [\"in\", \"key\", \"http\"]");
        }
        return predicate(expression);
    }

    private static Predicate<Map<String, Object>> predicate(Object expression) {
        if (!(expression instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("filterQuery: " + expression + " is not an expression");
        }
        List<?> operands = list.subList(1, list.size());
        return switch (Operator.of(list.get(0))) {
            case AND -> operands.stream().map(FilterQuery::predicate).reduce(item -> true, Predicate::and);
            case OR -> operands.stream().map(FilterQuery::predicate).reduce(item -> false, Predicate::or);
            case IN -> compare(operands, (field, text) -> field.contains(text));
            case EQ -> compare(operands, String::equals);
        };
    }

    private static Predicate<Map<String, Object>> compare(List<?> operands,
                                                          java.util.function.BiPredicate<String, String> test) {
        if (operands.size() != 2) {
            throw new IllegalArgumentException("filterQuery: a comparison takes a field and a value: " + operands);
        }
        String field = String.valueOf(operands.get(0));
        String text = String.valueOf(operands.get(1)).toLowerCase(Locale.ROOT);
        return item -> item.get(field) != null && test.test(String.valueOf(item.get(field)).toLowerCase(Locale.ROOT),
                text);
    }
}
