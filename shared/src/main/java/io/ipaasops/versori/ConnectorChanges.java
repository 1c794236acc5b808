package io.ipaasops.versori;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * The connector fields a caller wants changed; a null field is left exactly as it is on the server.
 *
 * @param name                 the connector's name
 * @param baseUrl              the HTTP connector's base URL
 * @param documentationUrl     the documentation link ({@code documentationURL} on the wire)
 * @param imageUrl             the image link ({@code imageURL} on the wire)
 * @param authSchemeConfigIds  the order of the auth scheme configs
 * @param connectionVariables  replaces the variables on the connector and on all its connections
 * @param tags                 replaces the tags
 * @param isPublic             whether the connector is public
 */
public record ConnectorChanges(@Nullable String name, @Nullable String baseUrl, @Nullable String documentationUrl,
                               @Nullable String imageUrl, @Nullable List<String> authSchemeConfigIds,
                               @Nullable List<Variable> connectionVariables,
                               @Nullable Map<String, List<String>> tags, @Nullable Boolean isPublic) {
}
