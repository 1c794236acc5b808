package io.ipaasops.versori;

import io.ipaasops.core.AllPages;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.HttpTransport;
import io.ipaasops.core.Platform;
import io.ipaasops.core.UnauthorizedException;
import io.ipaasops.core.UpstreamException;
import io.ipaasops.core.Urls;
import io.ipaasops.core.ValidationException;
import io.ipaasops.credentials.CredentialsProvider;
import io.ipaasops.credentials.RefreshOnce;
import io.ipaasops.credentials.VersoriCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Versori's connect API v1 for connectors and connections; results are the API's JSON, passed through whole.
 *
 * <p>Objects are kept as JSON maps rather than records so that a read-merge-write update carries every field
 * back, including ones this client does not know. Updates are full replacements on the server: see
 * {@link Updates}.</p>
 */
@Singleton
public final class VersoriClient {

    static final int PAGE_SIZE = 100;
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final VersoriConfig config;
    private final CredentialsProvider<VersoriCredentials> credentials;
    private final HttpTransport transport;
    private final JsonMapper mapper;
    private final VersoriErrors errors;

    /** Creates the client; credentials are read on the first call. */
    public VersoriClient(VersoriConfig config, CredentialsProvider<VersoriCredentials> credentials,
                         HttpTransport transport, JsonMapper mapper) {
        this.config = config;
        this.credentials = credentials;
        this.transport = transport;
        this.mapper = mapper;
        this.errors = new VersoriErrors(mapper);
    }

    /** {@code organisationId} if given, else the configured organisation. */
    public String organisation(@Nullable String organisationId) {
        if (organisationId != null) {
            return organisationId;
        }
        String configured = credentials.get().organisationId();
        if (configured == null) {
            throw new ValidationException("no organisation given and none configured", List.of(new FieldError(
                    "organisationId", "is required when VERSORI_ORGANISATION_ID is not configured")));
        }
        return configured;
    }

    /** GetConnector. */
    public Map<String, Object> connector(@Nullable String organisationId, String connectorId) {
        return get(connectorPath(organisationId, connectorId));
    }

    /** ListConnectors: one page, or with {@code all} every page's {@code connectors} together. */
    public Map<String, Object> connectors(@Nullable String organisationId, PageQuery page, @Nullable String name,
                                          @Nullable String sort) {
        String path = "/o/" + segment(organisation(organisationId)) + "/connectors";
        return list(path, page, "connectors", "name", name, "sort", sort);
    }

    /** Changes the given fields of a connector, keeping every other field as the server has it (GET, merge, PUT). */
    public Map<String, Object> updateConnector(@Nullable String organisationId, String connectorId,
                                               ConnectorChanges changes) {
        String path = connectorPath(organisationId, connectorId);
        Map<String, Object> body = Updates.connector(get(path), changes);
        return send(HttpRequest.PUT(url(path, Map.of()), encode(body)), HttpTransport.Repeat.SAFE);
    }

    /** GetConnection, credentials as the API returns them. */
    public Map<String, Object> connection(@Nullable String organisationId, String connectorId, String connectionId) {
        return get(connectionPath(organisationId, connectorId, connectionId));
    }

    /** ListConnectorConnections: one page, or with {@code all} every page's {@code items} together. */
    public Map<String, Object> connections(@Nullable String organisationId, String connectorId, PageQuery page) {
        return list(connectorPath(organisationId, connectorId) + "/connections", page, "items");
    }

    /** Renames a connection or replaces its variables, keeping the rest as the server has it (GET, merge, PUT). */
    public Map<String, Object> updateConnection(@Nullable String organisationId, String connectorId,
                                                String connectionId, @Nullable String name,
                                                @Nullable List<Variable> variables) {
        String path = connectionPath(organisationId, connectorId, connectionId);
        Map<String, Object> body = Updates.connection(get(path), name, variables);
        return send(HttpRequest.PUT(url(path, Map.of()), encode(body)), HttpTransport.Repeat.SAFE);
    }

    /** Lists {@code path}: paging parameters first, then the {@code filters} name/value pairs that are set. */
    private Map<String, Object> list(String path, PageQuery page, String key, String... filters) {
        Map<String, String> query = new LinkedHashMap<>();
        if (!page.all()) {
            putIfSet(query, "first", page.first());
            putIfSet(query, "after", page.after());
            putIfSet(query, "before", page.before());
            putFilters(query, filters);
            return get(path, query);
        }
        if (page.before() != null) {
            throw new ValidationException("all pages are fetched forwards",
                    List.of(new FieldError("all", "cannot be combined with before")));
        }
        query.put("first", String.valueOf(PAGE_SIZE));
        putFilters(query, filters);
        AllPages.Collected<Object, Map<String, Object>> all = AllPages.collect(Platform.VERSORI, page.after(),
                config.getMaxItems(), "versori.max-items", cursor -> {
                    putIfSet(query, "after", cursor);
                    Map<String, Object> current = get(path, query);
                    Object items = current.get(key);
                    if (items != null && !(items instanceof List<?>)) {
                        throw new UpstreamException("Versori returned a page whose " + key + " is not a list");
                    }
                    List<Object> list = items == null ? List.of() : new ArrayList<>((List<?>) items);
                    String next = current.get("next") instanceof String s && !s.isEmpty() ? s : null;
                    return new AllPages.Slice<>(list, next, current);
                });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("totalCount", all.last().get("totalCount"));
        result.put(key, all.items());
        return result;
    }

    private Map<String, Object> get(String path) {
        return get(path, Map.of());
    }

    private Map<String, Object> get(String path, Map<String, String> query) {
        return send(HttpRequest.GET(url(path, query)), HttpTransport.Repeat.SAFE);
    }

    private Map<String, Object> send(MutableHttpRequest<?> request, HttpTransport.Repeat repeat) {
        request.contentType(MediaType.APPLICATION_JSON_TYPE).accept(MediaType.APPLICATION_JSON_TYPE);
        // The key may have been rotated since it was loaded: reload once and try again.
        HttpTransport.Response response = RefreshOnce.call(() -> credentials.get().apiKey(),
                key -> transport.send(Platform.VERSORI, request.bearerAuth(key), repeat), r -> r.status() == 401,
                refused -> credentials.refresh());
        if (response.status() == 401) {
            throw new UnauthorizedException("Versori refused the API key (HTTP 401); check VERSORI_API_KEY / the"
                    + " Versori secret");
        }
        if (!response.ok()) {
            throw errors.toException(response);
        }
        Map<String, Object> body = decode(response.body());
        if (VersoriErrors.isErrorBody(body)) {
            // Some gateways answer 200 with an error object; passing it on would hand the caller an error as a result.
            throw errors.toException(response);
        }
        return body;
    }

    private Map<String, Object> decode(byte[] body) {
        try {
            Map<String, Object> value = mapper.readValue(body, OBJECT);
            if (value == null) {
                throw new UpstreamException("Versori answered with an empty body");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UpstreamException upstream) {
                throw upstream;
            }
            throw new UpstreamException("Versori returned a response that is not a JSON object");
        }
    }

    private byte[] encode(Map<String, Object> body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode a Versori request", e);
        }
    }

    private String connectorPath(@Nullable String organisationId, String connectorId) {
        return "/o/" + segment(organisation(organisationId)) + "/connectors/" + segment(connectorId);
    }

    private String connectionPath(@Nullable String organisationId, String connectorId, String connectionId) {
        return connectorPath(organisationId, connectorId) + "/connections/" + segment(connectionId);
    }

    private String url(String path, Map<String, String> query) {
        UriBuilder builder = UriBuilder.of(Urls.join(config.getUrl(), path));
        query.forEach(builder::queryParam);
        return builder.build().toString();
    }

    private static String segment(String value) {
        return Urls.segment(value);
    }

    private static void putFilters(Map<String, String> query, String... filters) {
        for (int i = 0; i < filters.length; i += 2) {
            putIfSet(query, filters[i], filters[i + 1]);
        }
    }

    private static void putIfSet(Map<String, String> query, String key, Object value) {
        if (value != null) {
            query.put(key, String.valueOf(value));
        }
    }
}
