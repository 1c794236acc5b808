package io.ipaasops.versori;

import io.ipaasops.core.FieldError;
import io.ipaasops.core.UpstreamException;
import io.ipaasops.core.ValidationException;
import io.micronaut.core.annotation.Nullable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds full-replacement PUT bodies from what the server has now plus what the caller changes.
 *
 * <p>UpdateConnector and UpdateConnection replace the whole object: a mutable field left out is unset. So every
 * field the caller did not mention is copied from the current object, and the two list fields whose presence
 * has side effects ({@code authSchemeConfigIds} reorders, {@code connectionVariables} rewrites every connection's
 * variables; a connection's {@code variables}) are sent only when the caller gave them.</p>
 */
final class Updates {

    private Updates() {
    }

    /** The {@code ConnectorUpdate} body (HTTP or BigQuery variant) for {@code connector} with {@code changes}. */
    static Map<String, Object> connector(Map<String, Object> connector, ConnectorChanges changes) {
        Object protocol = connector.get("protocol");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", connector.get("id"));
        body.put("organisationId", connector.get("organisationId"));
        body.put("name", pick(changes.name(), connector.get("name")));
        body.put("protocol", protocol);
        putIfPresent(body, "tags", pick(changes.tags(), connector.get("tags")));
        putIfPresent(body, "public", pick(changes.isPublic(), connector.get("public")));
        putIfPresent(body, "documentationURL", pick(changes.documentationUrl(), connector.get("documentationURL")));
        putIfPresent(body, "imageURL", pick(changes.imageUrl(), connector.get("imageURL")));
        putIfPresent(body, "authSchemeConfigIds", changes.authSchemeConfigIds());
        if ("http".equals(protocol)) {
            body.put("baseUrl", pick(changes.baseUrl(), connector.get("baseUrl")));
            putIfPresent(body, "connectionVariables", changes.connectionVariables());
        } else if ("bigquery".equals(protocol)) {
            body.put("datasetId", connector.get("datasetId"));
            refuse("baseUrl", changes.baseUrl(), protocol);
            refuse("connectionVariables", changes.connectionVariables(), protocol);
        } else {
            throw new UpstreamException("Versori returned a connector of unknown protocol '" + protocol + "'");
        }
        return body;
    }

    /** The {@code ConnectionUpdate} body: id and name always, variables only when given; credentials untouched. */
    static Map<String, Object> connection(Map<String, Object> connection, @Nullable String name,
                                          @Nullable List<Variable> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", connection.get("id"));
        body.put("name", pick(name, connection.get("name")));
        putIfPresent(body, "variables", variables);
        return body;
    }

    private static Object pick(Object given, Object current) {
        return given != null ? given : current;
    }

    private static void putIfPresent(Map<String, Object> body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }

    private static void refuse(String field, Object value, Object protocol) {
        if (value != null) {
            throw new ValidationException(field + " applies only to HTTP connectors",
                    List.of(new FieldError(field, "does not apply to a " + protocol + " connector")));
        }
    }
}
