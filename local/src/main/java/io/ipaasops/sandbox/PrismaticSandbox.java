package io.ipaasops.sandbox;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.language.OperationDefinition;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An in-memory Prismatic that executes GraphQL with graphql-java against the project's schema subset
 * ({@code prismatic-sandbox.graphql}) over {@link PrismaticState}, and serves the trigger and results URLs it hands
 * out.
 *
 * <p>A mutation whose resolver fails (an unknown id, decision 0023) answers {@code data: null} with the error, so
 * that clients that read {@code data.<mutation>.<object>} after checking only for {@code data} (Prism does) report
 * the message instead of failing on a null.</p>
 */
final class PrismaticSandbox {

    private static final String FAILED_MUTATION = "sandbox.failedMutation";

    private final PrismaticState state;
    private final Customers customers;
    private final Integrations integrations;
    private final Instances instances;
    private final Executions executions;
    /** Distinct documents kept parsed; ours are about 30, Prism's a few dozen more. */
    private static final int MAX_DOCUMENTS = 512;

    private final GraphQL graphQl;
    private final Map<String, PreparsedDocumentEntry> documents = new java.util.concurrent.ConcurrentHashMap<>();

    PrismaticSandbox(Clock clock, String baseUrl) {
        this(clock, baseUrl, 0);
    }

    /** A sandbox at {@code baseUrl} with {@code moreInstances} more instances than the demo data has. */
    PrismaticSandbox(Clock clock, String baseUrl, int moreInstances) {
        this.state = new PrismaticState(clock, baseUrl);
        SandboxSeed.moreInstances(state, moreInstances);
        this.customers = new Customers(state);
        this.integrations = new Integrations(state);
        this.instances = new Instances(state);
        this.executions = new Executions(state, integrations, instances);
        this.graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
                        new SchemaParser().parse(schemaText()), wiring()))
                // Errors read as Prismatic's do: the message alone, with its path.
                .defaultDataFetcherExceptionHandler(params -> {
                    DataFetchingEnvironment env = params.getDataFetchingEnvironment();
                    if (env.getOperationDefinition().getOperation() == OperationDefinition.Operation.MUTATION
                            && env.getExecutionStepInfo().getPath().getLevel() == 1) {
                        env.getGraphQlContext().put(FAILED_MUTATION, true);
                    }
                    return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(
                            GraphqlErrorBuilder.newError(env).message(params.getException().getMessage()).build())
                            .build());
                })
                .preparsedDocumentProvider(this::preparsed)
                .build();
    }

    /**
     * A document parsed and validated once and reused: clients send the same few documents over and over (a
     * rollout sends two per instance), and parsing is most of what the sandbox spends on a request. Bounded, so
     * that a client sending ever new documents cannot grow it.
     */
    private CompletableFuture<PreparsedDocumentEntry> preparsed(ExecutionInput input,
                                                                Function<ExecutionInput, PreparsedDocumentEntry> parse) {
        PreparsedDocumentEntry known = documents.get(input.getQuery());
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        PreparsedDocumentEntry entry = parse.apply(input);
        if (!entry.hasErrors() && documents.size() < MAX_DOCUMENTS) {
            documents.put(input.getQuery(), entry);
        }
        return CompletableFuture.completedFuture(entry);
    }

    /** The schema the sandbox serves. */
    static String schemaText() {
        try (InputStream in = PrismaticSandbox.class.getResourceAsStream("prismatic-sandbox.graphql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Executes one request; the result is the GraphQL response ({@code data}, {@code errors}) as maps. */
    synchronized Map<String, Object> execute(String query, Map<String, Object> variables) {
        ExecutionInput input = ExecutionInput.newExecutionInput(query)
                .variables(variables == null ? Map.of() : variables).build();
        ExecutionResult result = graphQl.execute(input);
        Map<String, Object> response = new LinkedHashMap<>(result.toSpecification());
        if (Boolean.TRUE.equals(input.getGraphQLContext().get(FAILED_MUTATION))) {
            response.put("data", null);
        }
        return response;
    }

    /** A POST to a flow's test URL or a flow config's webhook URL ({@code /trigger/<token>}). */
    synchronized Executions.Reply trigger(String token, String body, String contentType) {
        return executions.trigger(token, body, contentType);
    }

    /** The MessagePack body at a step result's {@code resultsUrl} ({@code /results/<key>}), or null. */
    synchronized byte[] results(String key) {
        return executions.results(key);
    }

    private RuntimeWiring wiring() {
        return RuntimeWiring.newRuntimeWiring()
                .scalar(passThrough("DateTime")).scalar(passThrough("JSONString")).scalar(passThrough("UUID"))
                .type(TypeRuntimeWiring.newTypeWiring("RootQuery")
                        .dataFetcher("authenticatedUser", env -> state.user)
                        .dataFetcher("customer", byId(state.customers))
                        .dataFetcher("customerRoles", env -> state.customerRoles)
                        .dataFetcher("instance", byId(state.instances))
                        .dataFetcher("integration", byId(state.integrations))
                        .dataFetcher("executionResult", env -> refreshed(state.executions.get(
                                env.<String>getArgument("id"))))
                        .dataFetcher("customers", env -> list(state.customers.values(), env, List.of("isSystem"),
                                flag(env, "isSystem", "_system")))
                        .dataFetcher("instances", env -> list(state.instances.values(), env, List.of("isSystem",
                                "customer", "integration", "integration_VersionSequenceId", "customer_ExternalId",
                                "compatibility"), flag(env, "isSystem", "isSystem").and(instanceFilter(env))))
                        .dataFetcher("integrations", env -> list(state.integrations.values(), env,
                                List.of("allVersions", "hasInstances", "marketplace", "customer", "customer_Isnull"),
                                integrationFilter(env)))
                        .dataFetcher("components", env -> list(state.components.values(), env, List.of("allVersions",
                                "filterQuery", "includeComponentsForCodeNativeIntegrations"),
                                FilterQuery.parse(env.getArgument("filterQuery")))))
                .type(TypeRuntimeWiring.newTypeWiring("RootMutation")
                        .dataFetcher("createCustomer", input(customers::create))
                        .dataFetcher("updateCustomer", input(customers::update))
                        .dataFetcher("deleteCustomer", input(customers::delete))
                        .dataFetcher("createCustomerUser", input(customers::createUser))
                        .dataFetcher("updateUser", input(customers::updateUser))
                        .dataFetcher("deleteUser", input(customers::deleteUser))
                        .dataFetcher("createIntegration", input(integrations::create))
                        .dataFetcher("importIntegration", input(integrations::importIntegration))
                        .dataFetcher("updateIntegration", input(integrations::update))
                        .dataFetcher("publishIntegration", input(integrations::publish))
                        .dataFetcher("updateIntegrationVersionAvailability", input(integrations::availability))
                        .dataFetcher("forkIntegration", input(integrations::fork))
                        .dataFetcher("deleteIntegration", input(integrations::delete))
                        .dataFetcher("validateIntegrationSchema", input(integrations::validate))
                        .dataFetcher("createInstance", input(instances::create))
                        .dataFetcher("updateInstance", input(instances::update))
                        .dataFetcher("deleteInstance", input(instances::delete))
                        .dataFetcher("deployInstance", input(instances::deploy))
                        .dataFetcher("testIntegrationFlow", input(executions::testFlow))
                        .dataFetcher("testInstanceFlowConfig", input(executions::testFlowConfig)))
                .type(TypeRuntimeWiring.newTypeWiring("User")
                        .dataFetcher("customer", env -> state.customers.get((String) source(env).get("_customer"))))
                .type(TypeRuntimeWiring.newTypeWiring("Customer")
                        .dataFetcher("users", env -> Relay.page(customers.users(source(env)), env.getArguments())))
                .type(TypeRuntimeWiring.newTypeWiring("Instance")
                        .dataFetcher("customer", link(state.customers, "_customer"))
                        .dataFetcher("integration", link(state.integrations, "_integration"))
                        .dataFetcher("flowConfigs", env -> Relay.page(instances.flowConfigs(source(env)),
                                env.getArguments()))
                        .dataFetcher("configVariables", env -> Relay.page(instances.configVariables(source(env),
                                env.getArguments()), env.getArguments())))
                .type(TypeRuntimeWiring.newTypeWiring("InstanceFlowConfig")
                        .dataFetcher("instance", link(state.instances, "_instance")))
                .type(TypeRuntimeWiring.newTypeWiring("InstanceConfigVariable")
                        .dataFetcher("inputs", env -> Relay.page(nodes(source(env).get("_inputs")),
                                env.getArguments())))
                .type(TypeRuntimeWiring.newTypeWiring("Integration")
                        .dataFetcher("customer", link(state.customers, "_customer"))
                        .dataFetcher("parent", link(state.integrations, "_parent"))
                        .dataFetcher("versionCreatedBy", env -> source(env).get("_createdBy") == null ? null
                                : state.user)
                        .dataFetcher("definition", env -> integrations.definition(source(env),
                                env.getArgument("version")))
                        .dataFetcher("flows", env -> Relay.page(state.flows(source(env)), env.getArguments()))
                        .dataFetcher("systemInstance", env -> integrations.systemInstance(source(env)))
                        .dataFetcher("testConfigVariables", env -> Relay.page(instances.configVariables(
                                integrations.systemInstance(source(env)), env.getArguments()), env.getArguments()))
                        .dataFetcher("versionSequence", env -> list(state.versions(
                                source(env).get("versionSequenceId")), env, List.of(), x -> true)))
                .type(TypeRuntimeWiring.newTypeWiring("IntegrationFlow")
                        .dataFetcher("trigger", env -> trigger(source(env))))
                .type(TypeRuntimeWiring.newTypeWiring("IntegrationAction")
                        .dataFetcher("action", env -> action((IntegrationDefinition.Trigger) source(env)
                                .get("_trigger"))))
                .type(TypeRuntimeWiring.newTypeWiring("Component")
                        .dataFetcher("customer", link(state.customers, "_customer"))
                        .dataFetcher("actions", env -> list(nodes(source(env).get("_actions")), env, List.of(),
                                x -> true)))
                .type(TypeRuntimeWiring.newTypeWiring("Action")
                        .dataFetcher("component", link(state.components, "_component")))
                .type(TypeRuntimeWiring.newTypeWiring("InstanceExecutionResult")
                        .dataFetcher("instance", link(state.instances, "_instance"))
                        .dataFetcher("integration", link(state.integrations, "_integration"))
                        .dataFetcher("flow", env -> state.flow((String) source(env).get("_flow")))
                        .dataFetcher("flowConfig", env -> source(env).get("_flowConfig") == null ? null
                                : instances.flowConfig((String) source(env).get("_flowConfig")))
                        .dataFetcher("stepResults", env -> Relay.page(executions.stepResults(
                                executions.refresh(source(env)), env.getArguments()), env.getArguments())))
                .type(TypeRuntimeWiring.newTypeWiring("TestIntegrationFlowResult")
                        .dataFetcher("flow", env -> state.flow((String) source(env).get("_flow")))
                        .dataFetcher("execution", env -> refreshed(state.executions.get(
                                (String) source(env).get("_execution")))))
                .type(TypeRuntimeWiring.newTypeWiring("TestInstanceFlowConfigResult")
                        .dataFetcher("flowConfig", env -> instances.flowConfig((String) source(env).get("_flowConfig")))
                        .dataFetcher("execution", env -> refreshed(state.executions.get(
                                (String) source(env).get("_execution")))))
                .build();
    }

    /** A flow's trigger step, as the platform shows it: the step and the component action that starts it. */
    private static Map<String, Object> trigger(Map<String, Object> flow) {
        return PrismaticState.map("id", PrismaticState.id("IntegrationAction", flow.get("id") + "/trigger"),
                "name", Integrations.steps(flow).get(0), "description", "", "stableKey", null,
                "_trigger", flow.get("_trigger"));
    }

    /** The catalog's action for a trigger, or one made up for a component the sandbox does not list. */
    private Map<String, Object> action(IntegrationDefinition.Trigger trigger) {
        for (Map<String, Object> component : state.components.values()) {
            if (component.get("key").equals(trigger.component())) {
                for (Map<String, Object> action : nodes(component.get("_actions"))) {
                    if (action.get("key").equals(trigger.action())) {
                        return action;
                    }
                }
            }
        }
        return PrismaticState.map("id", PrismaticState.id("Action", trigger.component() + "/" + trigger.action()),
                "key", trigger.action(), "label", trigger.action(), "description", "", "isTrigger", true,
                "isDataSource", false, "isPollingTrigger", false, "scheduleSupport", "VALID", "dataSourceType", null,
                "detailDataSource", null, "_component", null);
    }

    private Map<String, Object> refreshed(Map<String, Object> execution) {
        return execution == null ? null : executions.refresh(execution);
    }

    private static DataFetcher<Object> input(Function<Map<String, Object>, Map<String, Object>> mutation) {
        return env -> mutation.apply(env.getArgument("input"));
    }

    private static DataFetcher<Object> byId(Map<String, Map<String, Object>> table) {
        return env -> table.get(env.<String>getArgument("id"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(DataFetchingEnvironment env) {
        return (Map<String, Object>) env.getSource();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodes(Object list) {
        return list == null ? List.of() : (List<Map<String, Object>>) list;
    }

    private static DataFetcher<Object> link(Map<String, Map<String, Object>> table, String key) {
        return env -> {
            Object id = source(env).get(key);
            return id == null ? null : table.get((String) id);
        };
    }

    /** A boolean filter argument compared with an entity key (the customers' {@code _system}, instances' own). */
    private static Predicate<Map<String, Object>> flag(DataFetchingEnvironment env, String argument, String key) {
        Boolean wanted = env.getArgument(argument);
        return item -> wanted == null || wanted.equals(Boolean.TRUE.equals(item.get(key)));
    }

    private Predicate<Map<String, Object>> instanceFilter(DataFetchingEnvironment env) {
        String customer = env.getArgument("customer");
        String integration = env.getArgument("integration");
        Object sequence = env.getArgument("integration_VersionSequenceId");
        String externalId = env.getArgument("customer_ExternalId");
        return item -> (customer == null || customer.equals(item.get("_customer")))
                && (integration == null || integration.equals(item.get("_integration")))
                && (sequence == null || sequence.equals(state.integrations.get((String) item.get("_integration"))
                .get("versionSequenceId")))
                && (externalId == null
                || externalId.equals(state.customers.get((String) item.get("_customer")).get("externalId")));
    }

    /** Drafts only unless {@code allVersions}; a draft has instances when any version of its sequence has. */
    private Predicate<Map<String, Object>> integrationFilter(DataFetchingEnvironment env) {
        boolean allVersions = Boolean.TRUE.equals(env.getArgument("allVersions"));
        Boolean hasInstances = env.getArgument("hasInstances");
        Boolean marketplace = env.getArgument("marketplace");
        String customer = env.getArgument("customer");
        Boolean noCustomer = env.getArgument("customer_Isnull");
        return item -> (allVersions || PrismaticState.draft(item))
                && (hasInstances == null || hasInstances == (PrismaticState.draft(item)
                ? !state.customerInstances(item).isEmpty()
                : state.instances.values().stream().anyMatch(i -> item.get("id").equals(i.get("_integration")))))
                && (marketplace == null
                || marketplace == !"NOT_AVAILABLE_IN_MARKETPLACE".equals(item.get("marketplaceConfiguration")))
                && (customer == null || customer.equals(item.get("_customer")))
                && (noCustomer == null || noCustomer == (item.get("_customer") == null));
    }

    private static Map<String, Object> list(Collection<Map<String, Object>> all, DataFetchingEnvironment env,
                                            List<String> special, Predicate<Map<String, Object>> extra) {
        Map<String, Object> args = env.getArguments();
        List<Map<String, Object>> matching = all.stream().filter(extra.and(Relay.filter(args, special))).toList();
        return Relay.page(Relay.sort(matching, args.get("sortBy"), ORDER_FIELDS), args);
    }

    @SuppressWarnings("unchecked")
    private static final Map<String, Function<Map<String, Object>, Comparable<Object>>> ORDER_FIELDS = Map.of(
            "CREATED_AT", m -> (Comparable<Object>) (Object) String.valueOf(m.getOrDefault("createdAt", "")),
            "UPDATED_AT", m -> (Comparable<Object>) m.get("updatedAt"),
            "NAME", m -> (Comparable<Object>) m.get("name"),
            "LABEL", m -> (Comparable<Object>) m.get("label"),
            "VERSION_NUMBER", m -> (Comparable<Object>) m.get("versionNumber"));

    private static GraphQLScalarType passThrough(String name) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
            @Override
            @SuppressWarnings("deprecation")
            public Object serialize(Object value) {
                return value == null ? null : value.toString();
            }

            @Override
            @SuppressWarnings("deprecation")
            public Object parseValue(Object input) {
                return input;
            }

            @Override
            @SuppressWarnings("deprecation")
            public Object parseLiteral(Object input) {
                return input instanceof graphql.language.StringValue s ? s.getValue() : input;
            }
        }).build();
    }
}
