package io.ipaasops.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads a cloud assembly's feature-flag report as the CDK CLI does for "N feature flags are not configured". */
final class FeatureFlagReport {

    // Flags the CLI (2.1148) leaves out of that count.
    private static final Set<String> OBSOLETE = Set.of("@aws-cdk/core:enableStackNameDuplicates",
            "@aws-cdk/aws-s3:grantWriteWithoutAcl", "@aws-cdk/aws-kms:defaultKeyPolicies");

    private FeatureFlagReport() {
    }

    /**
     * The flags the CLI would report: not configured, and with a default (its v2 behaviour) other than the
     * recommended value; the CLI's {@code FlagOperations.filterNeedsAttention}.
     */
    static List<String> needingAttention(Path assembly) {
        try {
            JsonNode artifacts = new ObjectMapper().readTree(assembly.resolve("manifest.json").toFile())
                    .path("artifacts");
            List<String> flags = new ArrayList<>();
            artifacts.forEach(artifact -> {
                if (artifact.path("type").asText().equals("cdk:feature-flag-report")) {
                    artifact.path("properties").path("flags").fields().forEachRemaining(flag -> {
                        JsonNode info = flag.getValue();
                        JsonNode unconfigured = info.path("unconfiguredBehavesLike").path("v2");
                        JsonNode byDefault = unconfigured.isMissingNode() ? BooleanNode.FALSE : unconfigured;
                        if (!OBSOLETE.contains(flag.getKey()) && !info.has("userValue")
                                && !byDefault.equals(info.path("recommendedValue"))) {
                            flags.add(flag.getKey());
                        }
                    });
                }
            });
            return flags;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest in " + assembly, e);
        }
    }
}
