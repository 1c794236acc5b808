package io.ipaasops.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox Prismatic's data, seeded with a small organization, and the lookups every feature shares.
 *
 * <p>Entities are maps keyed by GraphQL field name, so graphql-java reads them directly; keys starting with
 * {@code _} are internal links. Each integration record is either a sequence's draft (the one that is edited and
 * imported into) or one published version of it, with an id of its own. The mutations live in the feature classes
 * ({@link Customers}, {@link Integrations}, {@link Instances}, {@link Executions}). Not thread-safe:
 * {@link PrismaticSandbox} serializes access.</p>
 */
final class PrismaticState {

    /** How long a test execution runs before it ends. */
    static final Duration EXECUTION_TIME = Duration.ofMillis(1500);

    final Map<String, Map<String, Object>> customers = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> users = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> integrations = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> instances = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> executions = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> components = new LinkedHashMap<>();
    /** Step results by the key in their {@code resultsUrl}. */
    final Map<String, Map<String, Object>> stepResults = new LinkedHashMap<>();
    final List<Map<String, Object>> customerRoles = new ArrayList<>();
    final Map<String, Object> user;
    private final Clock clock;
    private final String baseUrl;

    PrismaticState(Clock clock, String baseUrl) {
        this.clock = clock;
        this.baseUrl = baseUrl;
        this.user = map("id", id("User", "sandbox-admin"), "name", "Sandbox Admin", "email", "admin@sandbox.local",
                "externalId", null, "tenantId", SandboxSeed.TENANT, "phone", "", "darkMode", false,
                "darkModeSyncWithOs", true,
                "role", map("id", id("Role", "owner"), "name", "Owner", "description", "Full access"),
                "org", map("id", id("Organization", "sandbox"), "name", "Sandbox Org"), "customer", null);
        SandboxSeed.prismatic(this);
    }

    /** A Relay-style global id: base64 of {@code Type:key}. */
    static String id(String type, String key) {
        return Base64.getEncoder().encodeToString((type + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A token for a URL path: base64url of {@code text}, without padding. */
    static String token(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The text of a {@link #token}, or null when it is not one. */
    static String untoken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String now() {
        return clock.instant().toString();
    }

    Instant instant() {
        return clock.instant();
    }

    /** The sandbox's base URL, which the trigger and results URLs it hands out start with. */
    String baseUrl() {
        return baseUrl;
    }

    /** The flows of an integration record. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> flows(Map<String, Object> integration) {
        return (List<Map<String, Object>>) integration.get("_flows");
    }

    /** The flow with this id, on any integration record. */
    Map<String, Object> flow(String flowId) {
        return integrations.values().stream().flatMap(i -> flows(i).stream())
                .filter(f -> f.get("id").equals(flowId)).findFirst().orElse(null);
    }

    /** Whether the record is a sequence's draft, the one that is edited, rather than a published version. */
    static boolean draft(Map<String, Object> integration) {
        return Boolean.TRUE.equals(integration.get("_draft"));
    }

    /** The draft of the sequence the record belongs to. */
    Map<String, Object> draftOf(Map<String, Object> integration) {
        if (draft(integration)) {
            return integration;
        }
        Object sequence = integration.get("versionSequenceId");
        return integrations.values().stream().filter(i -> draft(i) && sequence.equals(i.get("versionSequenceId")))
                .findFirst().orElseThrow();
    }

    /** The published versions of a sequence, oldest first. */
    List<Map<String, Object>> versions(Object sequenceId) {
        return integrations.values().stream().filter(i -> !draft(i) && sequenceId.equals(i.get("versionSequenceId")))
                .sorted(Comparator.comparing(i -> (Integer) i.get("versionNumber"))).toList();
    }

    /** The newest available version of the record's sequence. */
    Optional<Map<String, Object>> latestAvailable(Map<String, Object> integration) {
        List<Map<String, Object>> versions = versions(integration.get("versionSequenceId"));
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (Boolean.TRUE.equals(versions.get(i).get("versionIsAvailable"))) {
                return Optional.of(versions.get(i));
            }
        }
        return Optional.empty();
    }

    /** The instances of customers (not the system's test instances) on any version of the record's sequence. */
    List<Map<String, Object>> customerInstances(Map<String, Object> integration) {
        Object sequence = integration.get("versionSequenceId");
        return instances.values().stream().filter(i -> !Boolean.TRUE.equals(i.get("isSystem"))
                && sequence.equals(integrations.get((String) i.get("_integration")).get("versionSequenceId"))).toList();
    }

    /** Prismatic answers an unknown id with a top-level error, as Django's {@code DoesNotExist} reads. */
    static Missing missing(String type) {
        return new Missing(type + " matching query does not exist.");
    }

    /** The mutation payload: the object (or null) and the errors, one message for one field at most. */
    static Map<String, Object> payload(String field, Object value, String errorField, String message) {
        List<Object> errors = errorField == null ? List.of()
                : List.of(map("field", errorField, "messages", List.of(message)));
        return map(field, value, "errors", errors);
    }

    /** A mutation aimed at an id that does not exist; the response then carries the error and no data. */
    static final class Missing extends RuntimeException {

        Missing(String message) {
            super(message, null, false, false);
        }
    }
}
