package io.ipaasops.sandbox;

import static io.ipaasops.sandbox.PrismaticState.map;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory Versori connect API v1 for connectors and connections, with the real semantics: PUT replaces the
 * object (omitted mutable fields are unset), {@code connectionVariables} replace the variables on the connector and
 * on all its connections, list pages carry a {@code next} cursor while more remain.
 */
final class VersoriSandbox {

    /** The sandbox organisation. */
    static final String ORG = "01JD2Z9K8Q7XW2M8N4P6R0T1VA";
    static final String SHOPIFY = "01JD2Z9K8Q7XW2M8N4P6R0T1VB";
    static final String SHOPIFY_PRODUCTION = "01JD2Z9K8Q7XW2M8N4P6R0T1VC";

    /** An HTTP answer: status and JSON body. */
    record Reply(int status, Object body) {
    }

    private final Map<String, Map<String, Object>> connectors = new LinkedHashMap<>();
    private final Clock clock;

    VersoriSandbox(Clock clock) {
        this.clock = clock;
        Map<String, Object> shopify = connector(SHOPIFY, "Shopify", "https://acme.myshopify.com/admin/api",
                List.of(map("name", "shop", "value", "acme")));
        connection(shopify, SHOPIFY_PRODUCTION, "production", List.of(map("name", "shop", "value", "acme")));
        connection(shopify, "01JD2Z9K8Q7XW2M8N4P6R0T1VD", "staging",
                List.of(map("name", "shop", "value", "acme-staging")));
        connector("01JD2Z9K8Q7XW2M8N4P6R0T1VE", "NetSuite", "https://1234567.suitetalk.api.netsuite.com", List.of());
        connector("01JD2Z9K8Q7XW2M8N4P6R0T1VF", "Zendesk", "https://acme.zendesk.com/api/v2", List.of());
    }

    /** Handles {@code method} on {@code path} (relative to the API base) with the given query and JSON body. */
    synchronized Reply handle(String method, String path, Map<String, String> query, Map<String, Object> body) {
        String[] p = path.replaceAll("^/+|/+$", "").split("/");
        if (p.length < 3 || !p[0].equals("o") || !p[2].equals("connectors")) {
            return error(404, "404000", "no such path: " + path);
        }
        if (!p[1].equals(ORG)) {
            return error(404, "404001", "organisation not found");
        }
        if (p.length == 3 && method.equals("GET")) {
            String name = query.get("name");
            List<Map<String, Object>> all = connectors.values().stream().filter(c -> name == null
                    || String.valueOf(c.get("name")).toLowerCase().contains(name.toLowerCase())).toList();
            return page(all, query, "connectors");
        }
        Map<String, Object> connector = p.length > 3 ? connectors.get(p[3]) : null;
        if (connector == null) {
            return error(404, "404002", "connector not found");
        }
        if (p.length == 4) {
            return method.equals("PUT") ? updateConnector(connector, body) : new Reply(200, connector);
        }
        if (p.length == 5 && p[4].equals("connections") && method.equals("GET")) {
            List<Map<String, Object>> summaries = connections(connector).stream().map(c -> map("id", c.get("id"),
                    "name", c.get("name"), "createdAt", c.get("createdAt"), "updatedAt", c.get("updatedAt"))).toList();
            return page(summaries, query, "items");
        }
        if (p.length == 6 && p[4].equals("connections")) {
            Map<String, Object> connection = connections(connector).stream().filter(c -> c.get("id").equals(p[5]))
                    .findFirst().orElse(null);
            if (connection == null) {
                return error(404, "404003", "connection not found");
            }
            return method.equals("PUT") ? updateConnection(connection, body) : new Reply(200, connection);
        }
        return error(404, "404000", "no such path: " + path);
    }

    private Reply updateConnector(Map<String, Object> connector, Map<String, Object> body) {
        List<Object> fields = new ArrayList<>();
        for (String required : List.of("id", "organisationId", "name", "protocol", "baseUrl")) {
            if (body.get(required) == null || String.valueOf(body.get(required)).isBlank()) {
                fields.add(map("field", required, "message", "is required"));
            }
        }
        if (fields.isEmpty() && !body.get("id").equals(connector.get("id"))) {
            fields.add(map("field", "id", "message", "does not match the path"));
        }
        if (!fields.isEmpty()) {
            return new Reply(400, map("code", "400001", "message", "invalid connector", "fields", fields));
        }
        // A full replacement: what the body leaves out is unset (or back to its default).
        connector.put("name", body.get("name"));
        connector.put("baseUrl", body.get("baseUrl"));
        connector.put("public", Boolean.TRUE.equals(body.get("public")));
        replace(connector, body, "tags");
        replace(connector, body, "documentationURL");
        replace(connector, body, "imageURL");
        if (body.get("connectionVariables") instanceof List<?> variables) {
            connector.put("connectionVariables", variables);
            connections(connector).forEach(c -> c.put("variables", variables));
        }
        connector.put("updatedAt", clock.instant().toString());
        return new Reply(200, connector);
    }

    private Reply updateConnection(Map<String, Object> connection, Map<String, Object> body) {
        if (body.get("name") == null || String.valueOf(body.get("name")).isBlank()) {
            return new Reply(400, map("code", "400002", "message", "invalid connection",
                    "fields", List.of(map("field", "name", "message", "is required"))));
        }
        connection.put("name", body.get("name"));
        if (body.get("variables") instanceof List<?> variables) {
            connection.put("variables", variables);
        }
        connection.put("updatedAt", clock.instant().toString());
        return new Reply(200, connection);
    }

    private static void replace(Map<String, Object> target, Map<String, Object> body, String key) {
        if (body.get(key) == null) {
            target.remove(key);
        } else {
            target.put(key, body.get(key));
        }
    }

    private static Reply page(List<Map<String, Object>> items, Map<String, String> query, String key) {
        int first = query.containsKey("first") ? Integer.parseInt(query.get("first")) : 20;
        int start = query.containsKey("after") ? decode(query.get("after")) : 0;
        int end = Math.min(items.size(), start + Math.max(1, first));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("totalCount", items.size());
        if (end < items.size()) {
            page.put("next", encode(end));
        }
        if (start > 0) {
            page.put("prev", encode(Math.max(0, start - first)));
        }
        page.put(key, items.subList(Math.min(start, end), end));
        return new Reply(200, page);
    }

    private static String encode(int index) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o" + index).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String cursor) {
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .substring(1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Reply error(int status, String code, String message) {
        return new Reply(status, map("code", code, "message", message));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> connections(Map<String, Object> connector) {
        return (List<Map<String, Object>>) connector.get("connections");
    }

    private Map<String, Object> connector(String id, String name, String baseUrl, List<Map<String, Object>> vars) {
        String now = clock.instant().toString();
        Map<String, Object> connector = map("id", id, "organisationId", ORG, "name", name, "public", false,
                "protocol", "http", "baseUrl", baseUrl, "documentationURL", "https://docs.example.com/" + id,
                "imageURL", "https://img.example.com/" + id + ".png", "tags", map("category", List.of("sandbox")),
                "authSchemeConfigs", List.of(map("id", "01JD2Z9K8Q7XW2M8N4P6R0T1W0", "description", "API key",
                        "schemeType", "api-key", "name", "X-Api-Key", "in", "header")),
                "connectionVariables", vars, "connections", new ArrayList<>(),
                "versions", List.of(map("id", "01JD2Z9K8Q7XW2M8N4P6R0T1W1", "name", "1", "isLatest", true,
                        "isDefault", true, "createdAt", now, "updatedAt", now, "publishedAt", now)),
                "createdAt", now, "updatedAt", now);
        connectors.put(id, connector);
        return connector;
    }

    private void connection(Map<String, Object> connector, String id, String name, List<Map<String, Object>> vars) {
        String now = clock.instant().toString();
        connections(connector).add(map("id", id, "name", name, "variables", vars, "createdAt", now, "updatedAt", now,
                "credentials", map("action", List.of(map("id", "01JD2Z9K8Q7XW2M8N4P6R0T1W2",
                        "authSchemeConfig", map("id", "01JD2Z9K8Q7XW2M8N4P6R0T1W0", "description", "API key",
                                "schemeType", "api-key", "name", "X-Api-Key", "in", "header"),
                        "credential", map("id", "01JD2Z9K8Q7XW2M8N4P6R0T1W3", "organisationId", ORG,
                                "name", name + " key", "type", "string", "data", map("value", "")))))));
    }
}
