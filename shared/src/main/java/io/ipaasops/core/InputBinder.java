package io.ipaasops.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns an action's JSON input into its input record, reporting every problem by field name.
 *
 * <p>Checks come from the record's compile-time introspection, not reflection: an unknown field, a missing
 * {@code @NonNull} field, a blank required string, or a value of the wrong JSON type is a
 * {@link ValidationException} that lists each offending field. A record annotated
 * {@code @JsonIgnoreProperties(ignoreUnknown = true)} (a payload someone else defines, such as GitHub's webhook
 * events) declares only the fields it reads; the others are not checked.</p>
 */
@Singleton
public final class InputBinder {

    private final JsonMapper mapper;

    /** Creates the binder on the application's JSON mapper. */
    public InputBinder(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Parses {@code json} (empty means {@code {}}) and binds it to {@code type}. */
    public <I> I bind(byte[] json, Class<I> type) {
        return bind(parse(json), type);
    }

    /** Binds an already parsed JSON object to {@code type}. */
    public <I> I bind(JsonNode node, Class<I> type) {
        if (node == null || node.isNull()) {
            node = JsonNode.createObjectNode(Map.of());
        }
        if (!node.isObject()) {
            throw invalid(List.of(new FieldError("$", "the input must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>();
        checkObject(node, introspection(type), "", errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        try {
            return mapper.readValueFromTree(node, type);
        } catch (IOException e) {
            throw invalid(List.of(new FieldError("$", "could not be read: " + e.getMessage())));
        }
    }

    /** Parses JSON text into a tree, or fails as a validation error on field {@code $}. */
    public JsonNode parse(byte[] json) {
        if (blank(json)) {
            return JsonNode.createObjectNode(Map.of());
        }
        try {
            return mapper.readValue(json, JsonNode.class);
        } catch (IOException e) {
            throw invalid(List.of(new FieldError("$", "the input is not valid JSON")));
        }
    }

    private static boolean blank(byte[] json) {
        if (json != null) {
            for (byte b : json) {
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return false;
                }
            }
        }
        return true;
    }

    private static ValidationException invalid(List<FieldError> errors) {
        String summary = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return new ValidationException("invalid input: " + summary, errors);
    }

    @SuppressWarnings("unchecked")
    private static BeanIntrospection<Object> introspection(Class<?> type) {
        return (BeanIntrospection<Object>) BeanIntrospector.SHARED.findIntrospection(type)
                .orElseThrow(() -> new IllegalStateException(type.getName() + " is not @Serdeable/@Introspected"));
    }

    private void checkObject(JsonNode node, BeanIntrospection<Object> bean, String prefix, List<FieldError> errors) {
        var known = bean.getBeanProperties().stream().map(InputBinder::jsonName).toList();
        boolean open = bean.booleanValue(JsonIgnoreProperties.class, "ignoreUnknown").orElse(false);
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            if (!open && !known.contains(entry.getKey())) {
                errors.add(new FieldError(prefix + entry.getKey(),
                        "is not a known input (known: " + String.join(", ", known) + ")"));
            }
        }
        for (BeanProperty<Object, Object> property : bean.getBeanProperties()) {
            String path = prefix + jsonName(property);
            JsonNode value = node.get(jsonName(property));
            boolean required = property.isNonNull() || property.getType().isPrimitive();
            if (value == null || value.isNull()) {
                if (required) {
                    errors.add(new FieldError(path, "is required"));
                }
                continue;
            }
            checkValue(value, property.asArgument(), path, required, errors);
        }
    }

    /** The property's name in JSON: its {@code @JsonProperty} name (e.g. {@code public}) or its own. */
    private static String jsonName(BeanProperty<?, ?> property) {
        return property.stringValue(JsonProperty.class).orElse(property.getName());
    }

    private void checkValue(JsonNode value, Argument<?> argument, String path, boolean required,
                            List<FieldError> errors) {
        Class<?> type = argument.getType();
        if (type == String.class) {
            if (!value.isString()) {
                errors.add(new FieldError(path, "must be a string"));
            } else if (required && value.getStringValue().isBlank()) {
                errors.add(new FieldError(path, "must not be blank"));
            }
        } else if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            if (!isIntegral(value, type == Integer.class || type == int.class)) {
                errors.add(new FieldError(path, "must be a whole number"));
            }
        } else if (type == Boolean.class || type == boolean.class) {
            if (!value.isBoolean()) {
                errors.add(new FieldError(path, "must be true or false"));
            }
        } else if (Collection.class.isAssignableFrom(type)) {
            checkList(value, argument, path, errors);
        } else if (Map.class.isAssignableFrom(type)) {
            if (!value.isObject()) {
                errors.add(new FieldError(path, "must be a JSON object"));
            }
        } else if (type != Object.class && type != JsonNode.class) {
            if (!value.isObject()) {
                errors.add(new FieldError(path, "must be a JSON object"));
            } else if (BeanIntrospector.SHARED.findIntrospection(type).isPresent()) {
                checkObject(value, introspection(type), path + ".", errors);
            }
        }
    }

    private void checkList(JsonNode value, Argument<?> argument, String path, List<FieldError> errors) {
        if (!value.isArray()) {
            errors.add(new FieldError(path, "must be a JSON array"));
            return;
        }
        Argument<?> element = argument.getFirstTypeVariable().orElse(Argument.OBJECT_ARGUMENT);
        int index = 0;
        for (JsonNode item : value.values()) {
            String itemPath = path + "[" + index++ + "]";
            if (item.isNull()) {
                errors.add(new FieldError(itemPath, "must not be null"));
            } else {
                checkValue(item, element, itemPath, true, errors);
            }
        }
    }

    private static boolean isIntegral(JsonNode value, boolean fitsInt) {
        if (!value.isNumber()) {
            return false;
        }
        Number number = value.getNumberValue();
        if (!(number instanceof Integer || number instanceof Long || number instanceof BigInteger
                || number instanceof Short || number instanceof Byte)) {
            return false;
        }
        return !fitsInt || (number.longValue() >= Integer.MIN_VALUE && number.longValue() <= Integer.MAX_VALUE
                && !(number instanceof BigInteger));
    }
}
