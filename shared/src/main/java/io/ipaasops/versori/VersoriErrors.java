package io.ipaasops.versori;

import io.ipaasops.core.ActionException;
import io.ipaasops.core.ConflictException;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.HttpTransport;
import io.ipaasops.core.NotFoundException;
import io.ipaasops.core.TransientException;
import io.ipaasops.core.UnauthorizedException;
import io.ipaasops.core.UpstreamException;
import io.ipaasops.core.ValidationException;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;

/** Maps Versori's error body {@code {code, message, fields[{field,message}], details}} onto the typed errors. */
final class VersoriErrors {

    /** Versori's error body. */
    @Serdeable
    record Body(String code, String message, List<Field> fields, String details) {
    }

    /** One field problem in Versori's error body. */
    @Serdeable
    record Field(String field, String message) {
    }

    private final JsonMapper mapper;

    VersoriErrors(JsonMapper mapper) {
        this.mapper = mapper;
    }

    private static final java.util.Set<String> ERROR_KEYS = java.util.Set.of("code", "message", "fields", "details");

    /** Whether a decoded body has Versori's error shape: a code and a message, and nothing an object would have. */
    static boolean isErrorBody(java.util.Map<String, Object> body) {
        return body.get("message") instanceof String && body.get("code") instanceof String
                && ERROR_KEYS.containsAll(body.keySet());
    }

    ActionException toException(HttpTransport.Response response) {
        Body body = read(response.body());
        int status = response.status();
        String message = "Versori: " + (body != null && body.message() != null ? body.message() : "HTTP " + status)
                + (body != null && body.code() != null ? " (code " + body.code() + ")" : "");
        List<FieldError> fields = new ArrayList<>();
        if (body != null && body.fields() != null) {
            body.fields().forEach(f -> fields.add(new FieldError(f.field(), f.message())));
        }
        return switch (status) {
            case 400, 422 -> new ValidationException(message, fields);
            case 401, 403 -> new UnauthorizedException(message);
            case 404 -> new NotFoundException(message);
            case 409, 412 -> new ConflictException(message, fields);
            default -> status == 429 || status >= 500 ? new TransientException(message, fields)
                    : new UpstreamException(message, fields);
        };
    }

    private Body read(byte[] bytes) {
        try {
            return bytes.length == 0 ? null : mapper.readValue(bytes, Body.class);
        } catch (Exception e) {
            // A body that is not Versori's error shape (a proxy's HTML page): the status alone is the message.
            return null;
        }
    }
}
