package io.ipaasops.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validator for Versori's own OpenAPI document, with its known defects worked around narrowly, in memory.
 *
 * <p>swagger-request-validator 2.44.1 cannot validate bodies against an OpenAPI 3.1 document, and the document has
 * defects a strict validator trips on (versori-api.md, "Spec problems"). Each change below is the smallest that
 * lets validation run; none switches a check off. The file on disk is read in place and never changed.</p>
 */
public final class VersoriOpenApi {

    /** The document's file name inside the specs folder. */
    public static final String FILE = "versori-connect-v1.openapi.yaml";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");
    private static OpenApiInteractionValidator validator;

    private VersoriOpenApi() {
    }

    /** The validator, or empty when the specs are absent; built once per JVM. */
    public static synchronized Optional<OpenApiInteractionValidator> validator() {
        if (validator == null) {
            Optional<Path> file = Specs.file(FILE);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            validator = OpenApiInteractionValidator
                    .createForInlineApiSpecification(Json.pretty(patch(read(file.get()))))
                    // The validator otherwise adds additionalProperties:false to each allOf part, failing every
                    // allOf schema (HTTPConnector, the AuthSchemeConfig variants); JSON Schema allows extra fields.
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.schema.additionalProperties", Level.IGNORE)
                            .build())
                    .build();
        }
        return Optional.of(validator);
    }

    static ObjectNode patch(ObjectNode spec) {
        // 1. Validate as 3.0.3: in 3.1 mode 2.44.1 reports every discriminated body as a processing error.
        spec.put("openapi", "3.0.3");
        // 2. license.identifier exists only in 3.1.
        object(spec.at("/info/license")).remove("identifier");
        // 3-5. const -> enum of one; schema "examples" -> example; drop the non-standard "regex" keyword.
        JsonNode schemas = spec.at("/components/schemas");
        schemas.forEach(VersoriOpenApi::downgrade);
        // 6. Spec bug: HTTPConnectorCreate requires "connections" but declares no such property.
        ArrayNode required = (ArrayNode) schemas.at("/HTTPConnectorCreate/required");
        for (int i = required.size() - 1; i >= 0; i--) {
            if (required.get(i).asText().equals("connections")) {
                required.remove(i);
            }
        }
        // 7. Credential data branches overlap (basic-auth and oauth2-password are both {username,password}), so a
        //    valid credential matches two oneOf branches. anyOf still rejects data that matches none.
        for (String name : List.of("Credential", "CredentialCreate")) {
            ObjectNode data = object(schemas.at("/" + name + "/properties/data"));
            data.set("anyOf", data.remove("oneOf"));
        }
        // 8. The validator checks only security declared on an operation: copy the global requirement onto each,
        //    so that a request without the bearer header fails.
        JsonNode security = spec.get("security");
        spec.get("paths").forEach(item -> item.fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey()) && !op.getValue().has("security")) {
                object(op.getValue()).set("security", security.deepCopy());
            }
        }));
        return spec;
    }

    private static void downgrade(JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return;
        }
        JsonNode constant = schema.remove("const");
        if (constant != null) {
            schema.putArray("enum").add(constant);
        }
        schema.remove("regex");
        JsonNode examples = schema.remove("examples");
        if (examples instanceof ArrayNode array && !array.isEmpty()) {
            schema.set("example", array.get(0));
        }
        for (String key : List.of("items", "not", "additionalProperties")) {
            downgrade(schema.get(key));
        }
        for (String key : List.of("properties", "allOf", "oneOf", "anyOf")) {
            schema.path(key).forEach(VersoriOpenApi::downgrade);
        }
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) Yaml.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object(JsonNode node) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new IllegalStateException("the Versori document changed: expected an object, found " + node);
    }
}
