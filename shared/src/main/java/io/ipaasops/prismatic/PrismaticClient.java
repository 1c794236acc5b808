package io.ipaasops.prismatic;

import io.ipaasops.core.Deadline;
import io.ipaasops.core.NotFoundException;
import io.ipaasops.core.Reconciler;
import io.ipaasops.core.Sleeper;
import io.ipaasops.core.UpstreamException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Prismatic's GraphQL API as the 18 connector actions use it: one method per operation, typed results.
 *
 * <p>List methods take their filters as GraphQL argument names (the action's input record does the mapping,
 * as the connector's docs table it) and a {@link PageRequest}.</p>
 */
@Singleton
public final class PrismaticClient {

    private static final Map<String, String> BY_CREATION = Map.of("field", "CREATED_AT", "direction", "ASC");

    private final GraphQl graphQl;
    private final Pager pager;
    private final JsonMapper mapper;
    private final PrismaticConfig config;
    private final Sleeper sleeper;
    private final Reconciler reconciler;

    /** Creates the client. */
    public PrismaticClient(GraphQl graphQl, Pager pager, JsonMapper mapper, PrismaticConfig config, Sleeper sleeper,
                           Reconciler reconciler) {
        this.reconciler = reconciler;
        this.graphQl = graphQl;
        this.pager = pager;
        this.mapper = mapper;
        this.config = config;
        this.sleeper = sleeper;
    }

    /** Deploys the instance's latest configuration; {@code force} skips some validation rules. */
    public Instance deployInstance(String instanceId, @Nullable Boolean force) {
        return reconciler.apply("instance " + instanceId + "'s deploy",
                () -> mutate("deployInstance", Variables.of("id", instanceId, "force", force), "instance",
                        Instance.class),
                since -> Optional.of(instance(instanceId)).filter(i -> Reconciler.atOrAfter(i.lastDeployedAt(), since)));
    }

    /** Disables the instance (as Prism's {@code instances:disable} does, through updateInstance). */
    public Instance disableInstance(String instanceId) {
        return updateInstance(instanceId, Variables.of("id", instanceId, "enabled", false),
                i -> Boolean.FALSE.equals(i.enabled()));
    }

    /** Moves the instance to another version of its integration (a version's own integration id); deploy it next. */
    public Instance moveInstance(String instanceId, String versionId) {
        return reconciler.apply("instance " + instanceId + "'s version",
                () -> mutate("moveInstance", Variables.of("id", instanceId, "integration", versionId), "instance",
                        Instance.class),
                since -> Optional.of(instance(instanceId)).filter(i -> i.integration() != null
                        && versionId.equals(i.integration().id())));
    }

    /** Renames or re-describes the instance; an unset value is left as it is. */
    public Instance updateInstance(String instanceId, @Nullable String name, @Nullable String description) {
        return updateInstance(instanceId, Variables.of("id", instanceId, "name", name, "description", description),
                i -> (name == null || name.equals(i.name())) && (description == null
                        || description.equals(i.description())));
    }

    private Instance updateInstance(String instanceId, Map<String, Object> variables, Predicate<Instance> applied) {
        return reconciler.apply("instance " + instanceId,
                () -> mutate("updateInstance", variables, "instance", Instance.class),
                since -> Optional.of(instance(instanceId)).filter(applied));
    }

    /** The user the credentials belong to, with their tenant and organization. */
    public User currentUser() {
        return get("authenticatedUser", Map.of(), "authenticatedUser", User.class, "the current user");
    }

    /** The customer with this id. */
    public Customer customer(String customerId) {
        return get("customer", Map.of("id", customerId), "customer", Customer.class, "customer " + customerId);
    }

    /** The execution with this id. */
    public Execution execution(String executionId) {
        return get("executionResult", Map.of("id", executionId), "executionResult", Execution.class,
                "execution " + executionId);
    }

    /** The instance with this id, with its flow configurations. */
    public Instance instance(String instanceId) {
        return get("instance", Map.of("id", instanceId), "instance", Instance.class, "instance " + instanceId);
    }

    /** The integration with this id, with its flows. */
    public Integration integration(String integrationId) {
        return get("integration", Map.of("id", integrationId), "integration", Integration.class,
                "integration " + integrationId);
    }

    /** Imports a YAML definition: into {@code integrationId} when given, else as a new integration. */
    public Integration importIntegration(@Nullable String integrationId, String definition, @Nullable Boolean replace) {
        return mutate("importIntegration", Variables.of("definition", definition, "integrationId", integrationId,
                "replace", replace), "integration", Integration.class);
    }

    /** Publishes the integration's current draft as a new version, with a comment and attributes (sent as JSON). */
    public Integration publishIntegration(String integrationId, @Nullable String comment,
                                          @Nullable Map<String, Object> attributes) {
        String json = attributes == null ? null : encode(attributes);
        return reconciler.apply("integration " + integrationId + "'s newest version",
                () -> mutate("publishIntegration", Variables.of("id", integrationId, "comment", comment,
                        "attributes", json), "integration", Integration.class),
                since -> publishedSince(integrationId, comment, since));
    }

    /** The newest version created since {@code since} with this comment: the publish that may have applied. */
    private Optional<Integration> publishedSince(String integrationId, @Nullable String comment, Instant since) {
        JsonNode data = graphQl.execute(GraphQlDocument.load("latestVersions"), Map.of("id", integrationId));
        JsonNode integration = data.get("integration");
        JsonNode versions = integration == null ? null : integration.get("versionSequence");
        JsonNode nodes = versions == null ? null : versions.get("nodes");
        if (nodes == null || !nodes.isArray()) {
            return Optional.empty();
        }
        for (JsonNode node : nodes.values()) {
            JsonNode created = node.get("versionCreatedAt");
            Integration version = convert(node, Integration.class);
            if (version != null && created != null && created.isString()
                    && Reconciler.atOrAfter(created.getStringValue(), since)
                    && java.util.Objects.equals(comment, version.versionComment())) {
                return Optional.of(version);
            }
        }
        return Optional.empty();
    }

    /** Renames or re-describes the integration; an unset value is left as it is. */
    public Integration updateIntegration(String integrationId, @Nullable String name, @Nullable String description) {
        return reconciler.apply("integration " + integrationId,
                () -> mutate("updateIntegration", Variables.of("id", integrationId, "name", name, "description",
                        description), "integration", Integration.class),
                since -> Optional.of(integration(integrationId)).filter(i -> (name == null || name.equals(i.name()))
                        && (description == null || description.equals(i.description()))));
    }

    /** Lists components. */
    public Page<Component> components(PageRequest page) {
        return pager.fetch(GraphQlDocument.load("listComponents"), Map.of(), page,
                List.of(Map.of("field", "LABEL", "direction", "ASC"),
                        Map.of("field", "VERSION_NUMBER", "direction", "ASC")), Component.class, "components");
    }

    /** Lists customers matching {@code filters} (arguments of the {@code customers} query). */
    public Page<Customer> customers(Map<String, Object> filters, PageRequest page) {
        return pager.fetch(GraphQlDocument.load("listCustomers"), filters, page, List.of(BY_CREATION),
                Customer.class, "customers");
    }

    /** Lists the flows of an integration. */
    public Page<Flow> flows(String integrationId, PageRequest page) {
        return pager.fetch(GraphQlDocument.load("listFlows"), Map.of("integrationId", integrationId), page, null,
                Flow.class, "integration", "flows");
    }

    /** Lists instances matching {@code filters} (arguments of the {@code instances} query). */
    public Page<Instance> instances(Map<String, Object> filters, PageRequest page) {
        return pager.fetch(GraphQlDocument.load("listInstances"), filters, page, List.of(BY_CREATION),
                Instance.class, "instances");
    }

    /** Lists integrations matching {@code filters} (arguments of the {@code integrations} query). */
    public Page<Integration> integrations(Map<String, Object> filters, PageRequest page) {
        return pager.fetch(GraphQlDocument.load("listIntegrations"), filters, page, List.of(BY_CREATION),
                Integration.class, "integrations");
    }

    /**
     * Sends any GraphQL document and returns its {@code data}; unless it surely runs a query, it is never repeated
     * blindly, and an unknown outcome is reported as such (it cannot be read back).
     */
    public JsonNode graphQl(String query, Map<String, Object> variables, @Nullable String operationName) {
        return graphQl.executeRaw(query, variables, operationName);
    }

    /**
     * Runs a flow's test with an optional payload; with {@code waitForResult}, polls the execution until it ends
     * or the invocation's time runs out (then {@code finished} is false).
     */
    public TestFlowResult testFlow(String flowId, @Nullable String payload, @Nullable String contentType,
                                   boolean waitForResult) {
        JsonNode data = graphQl.execute(GraphQlDocument.load("testIntegrationFlow"),
                Variables.of("id", flowId, "payload", payload, "contentType", contentType));
        JsonNode mutation = data.get("testIntegrationFlow");
        JsonNode result = mutation == null || mutation.isNull() ? null : mutation.get("testIntegrationFlowResult");
        if (result == null || result.isNull()) {
            throw new UpstreamException("Prismatic returned no test result for flow " + flowId);
        }
        Execution execution = convert(result.get("execution"), Execution.class);
        Ref flow = convert(result.get("flow"), Ref.class);
        JsonNode status = result.get("statusCode");
        Integer statusCode = status != null && status.isNumber() ? status.getNumberValue().intValue() : null;
        String headers = text(result.get("headers"));
        String body = text(result.get("body"));
        if (execution == null) {
            return new TestFlowResult(null, statusCode, headers, body, flow, null, false);
        }
        if (waitForResult) {
            execution = awaitEnd(execution);
        }
        return new TestFlowResult(execution.id(), statusCode, headers, body, flow, execution, execution.ended());
    }

    private Execution awaitEnd(Execution execution) {
        Deadline deadline = Deadline.current();
        Duration interval = config.getPollInterval();
        Execution current = execution;
        // Leave room for one more poll's round trip after the last wait.
        while (!current.ended() && deadline.allows(interval.plus(interval))) {
            sleeper.sleep(interval);
            current = execution(current.id());
        }
        return current;
    }

    private <T> T get(String document, Map<String, Object> variables, String field, Class<T> type, String what) {
        JsonNode data = graphQl.execute(GraphQlDocument.load(document), variables);
        T value = convert(data.get(field), type);
        if (value == null) {
            throw new NotFoundException("Prismatic has no " + what);
        }
        return value;
    }

    private <T> T mutate(String document, Map<String, Object> variables, String field, Class<T> type) {
        JsonNode data = graphQl.execute(GraphQlDocument.load(document), variables);
        JsonNode payload = data.get(document);
        T value = payload == null ? null : convert(payload.get(field), type);
        if (value == null) {
            throw new UpstreamException("Prismatic's " + document + " returned no " + field);
        }
        return value;
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return mapper.readValueFromTree(node, type);
        } catch (IOException e) {
            throw new UpstreamException("Prismatic returned a " + type.getSimpleName() + " of an unexpected shape");
        }
    }

    private String encode(Map<String, Object> value) {
        try {
            return new String(mapper.writeValueAsBytes(value), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode the attributes", e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.coerceStringValue();
    }
}
