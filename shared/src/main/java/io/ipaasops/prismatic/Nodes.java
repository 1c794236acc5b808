package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A nested connection's nodes, kept in Prismatic's own {@code {nodes: [...]}} shape.
 *
 * @param <T> the node type
 */
@Serdeable
public record Nodes<T>(List<T> nodes) {
}
