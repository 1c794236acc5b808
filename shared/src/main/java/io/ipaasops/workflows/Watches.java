package io.ipaasops.workflows;

import io.ipaasops.core.InputBinder;
import io.ipaasops.core.ValidationException;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configured watches, read once on first use: {@code ipaas.workflows.releases} and
 * {@code ipaas.workflows.connector-syncs}, each a JSON array or the path of a file holding one, checked field by
 * field as action inputs are.
 */
@Singleton
public final class Watches {

    private final WorkflowsConfig config;
    private final InputBinder binder;
    private volatile List<Watch> all;

    /** Creates the watch list; nothing is read until {@link #all()}. */
    public Watches(WorkflowsConfig config, InputBinder binder) {
        this.config = config;
        this.binder = binder;
    }

    /**
     * Every watch, releases first, in the order configured.
     *
     * @throws IllegalStateException when a list is not valid: the configuration is ours, not the caller's, to fix
     */
    public List<Watch> all() {
        List<Watch> current = all;
        if (current == null) {
            List<Watch> read = new ArrayList<>(read("ipaas.workflows.releases (IPAAS_RELEASES)",
                    config.getReleases(), ReleaseWatch.class));
            read.addAll(read("ipaas.workflows.connector-syncs (IPAAS_CONNECTOR_SYNCS)", config.getConnectorSyncs(),
                    ConnectorSyncWatch.class));
            current = List.copyOf(read);
            all = current;
        }
        return current;
    }

    private <W extends Watch> List<W> read(String name, String value, Class<W> type) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String json = value.strip().startsWith("[") ? value : file(name, value.strip());
        List<W> watches = new ArrayList<>();
        try {
            JsonNode list = binder.parse(json.getBytes(StandardCharsets.UTF_8));
            if (!list.isArray()) {
                throw new IllegalStateException(name + " must be a JSON array of watches");
            }
            int index = 0;
            for (JsonNode item : list.values()) {
                String at = name + "[" + index++ + "]";
                try {
                    watches.add(binder.bind(item, type));
                } catch (ValidationException e) {
                    throw new IllegalStateException(at + ": " + e.fields().stream()
                            .map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")));
                }
            }
        } catch (ValidationException e) {
            throw new IllegalStateException(name + " is not valid JSON");
        }
        return watches;
    }

    private static String file(String name, String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(name + " is neither a JSON array nor a readable file: " + path, e);
        }
    }
}
