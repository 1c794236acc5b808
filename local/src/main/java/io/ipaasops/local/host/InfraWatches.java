package io.ipaasops.local.host;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The push webhook's watches for the local host, as on AWS: {@code IPAAS_RELEASES} and {@code IPAAS_CONNECTOR_SYNCS}
 * where set, else {@code releases} and {@code connectorSyncs} of {@code infra/ipaas-ops.json}, the file the stack
 * hands the function (found from the repository's root or from {@code infra/}).
 */
final class InfraWatches {

    /** One watch list: its variable, its key in the file, and the property the variable maps to. */
    private enum WatchList {
        RELEASES("IPAAS_RELEASES", "releases", "ipaas.releases"),
        CONNECTOR_SYNCS("IPAAS_CONNECTOR_SYNCS", "connectorSyncs", "ipaas.connector.syncs");

        private final String variable;
        private final String key;
        private final String property;

        WatchList(String variable, String key, String property) {
            this.variable = variable;
            this.key = key;
            this.property = property;
        }
    }

    /** The properties to start the context with, and one line saying where the watches come from. */
    record Resolved(Map<String, Object> properties, String note) {
    }

    private InfraWatches() {
    }

    /** Resolves the watch lists from {@code env}, then the config file in {@code directory} (the working one). */
    static Resolved resolve(Map<String, String> env, Path directory) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        Path file = configFile(directory);
        Map<String, Object> config = null;
        for (WatchList list : WatchList.values()) {
            String value = env.get(list.variable);
            if (value != null && !value.isBlank()) {
                sources.add(list.key + " from " + list.variable);
                continue;
            }
            if (file == null) {
                continue;
            }
            if (config == null) {
                config = read(file);
            }
            Object watches = config.get(list.key);
            if (watches instanceof List<?> items && !items.isEmpty()) {
                properties.put(list.property, json(watches));
                sources.add(items.size() + " " + list.key + " from " + file);
            }
        }
        return new Resolved(properties, sources.isEmpty()
                ? "none configured (IPAAS_RELEASES, IPAAS_CONNECTOR_SYNCS or infra/ipaas-ops.json)"
                : String.join(", ", sources));
    }

    private static Path configFile(Path directory) {
        for (Path candidate : List.of(directory.resolve("infra").resolve("ipaas-ops.json"),
                directory.resolve("ipaas-ops.json"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Map<String, Object> read(Path file) {
        try {
            return JsonMapper.createDefault().readValue(Files.readAllBytes(file),
                    Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + " is not readable JSON: " + e.getMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JsonMapper.createDefault().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode the watches", e);
        }
    }
}
