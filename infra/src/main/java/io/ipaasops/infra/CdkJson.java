package io.ipaasops.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The {@code context} of {@code infra/cdk.json} (the feature flags), for synthesis without the CDK CLI. */
final class CdkJson {

    private CdkJson() {
    }

    /**
     * Reads the context of {@code file}; none when the file is absent.
     *
     * <p>The CDK CLI passes this context to the app itself; reading it here as well means that the Maven-only
     * synthesis, the tests and {@code cdk deploy} build the same template.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> context(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            Object context = new ObjectMapper().readValue(file.toFile(), Map.class).get("context");
            return context == null ? Map.of() : (Map<String, Object>) context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
