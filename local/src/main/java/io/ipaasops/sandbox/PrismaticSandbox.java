package io.ipaasops.sandbox;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandlerResult;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An in-memory Prismatic that executes GraphQL with graphql-java against the project's schema subset
 * ({@code prismatic-sandbox.graphql}) over {@link PrismaticState}.
 */
final class PrismaticSandbox {

    private final PrismaticState state;
    private final GraphQL graphQl;

    PrismaticSandbox(Clock clock, String baseUrl) {
        this.state = new PrismaticState(clock, baseUrl);
        this.graphQl = GraphQL.newGraphQL(new SchemaGenerator().makeExecutableSchema(
                new SchemaParser().parse(schemaText()), wiring()))
                // Errors read as Prismatic's do: the message alone, with its path.
                .defaultDataFetcherExceptionHandler(params -> CompletableFuture.completedFuture(
                        DataFetcherExceptionHandlerResult.newResult(GraphqlErrorBuilder.newError(
                                params.getDataFetchingEnvironment()).message(params.getException().getMessage())
                                .build()).build()))
                .build();
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
        return graphQl.execute(ExecutionInput.newExecutionInput(query)
                .variables(variables == null ? Map.of() : variables).build()).toSpecification();
    }

    private RuntimeWiring wiring() {
        return RuntimeWiring.newRuntimeWiring()
                .scalar(passThrough("DateTime")).scalar(passThrough("JSONString")).scalar(passThrough("UUID"))
                .type(TypeRuntimeWiring.newTypeWiring("RootQuery")
                        .dataFetcher("authenticatedUser", env -> state.user)
                        .dataFetcher("customer", env -> state.customers.get(env.<String>getArgument("id")))
                        .dataFetcher("instance", env -> state.instances.get(env.<String>getArgument("id")))
                        .dataFetcher("integration", env -> state.integrations.get(env.<String>getArgument("id")))
                        .dataFetcher("executionResult", env -> refreshed(state.executions.get(env.<String>getArgument("id"))))
                        .dataFetcher("customers", env -> list(state.customers.values(), env,
                                List.of("isSystem"), systemFilter(env)))
                        .dataFetcher("instances", env -> list(state.instances.values(), env,
                                List.of("isSystem", "customer", "integration", "customer_ExternalId", "compatibility",
                                        "integration_VersionSequenceId"),
                                systemFilter(env).and(instanceFilter(env))))
                        .dataFetcher("integrations", env -> list(state.integrations.values(), env,
                                List.of("allVersions", "hasInstances", "marketplace"), integrationFilter(env)))
                        .dataFetcher("components", env -> list(state.components.values(), env, List.of(), x -> true)))
                .type(TypeRuntimeWiring.newTypeWiring("RootMutation")
                        .dataFetcher("deployInstance", env -> state.deployInstance(env.getArgument("input")))
                        .dataFetcher("updateInstance", env -> state.updateInstance(env.getArgument("input")))
                        .dataFetcher("importIntegration", env -> state.importIntegration(env.getArgument("input")))
                        .dataFetcher("publishIntegration", env -> state.publishIntegration(env.getArgument("input")))
                        .dataFetcher("updateIntegration", env -> state.updateIntegration(env.getArgument("input")))
                        .dataFetcher("testIntegrationFlow", env -> state.testIntegrationFlow(env.getArgument("input"))))
                .type(TypeRuntimeWiring.newTypeWiring("Instance")
                        .dataFetcher("customer", link(state.customers, "_customer"))
                        .dataFetcher("integration", link(state.integrations, "_integration"))
                        .dataFetcher("flowConfigs", env -> {
                            Map<String, Object> instance = env.getSource();
                            Map<String, Object> integration = state.integrations.get((String) instance.get("_integration"));
                            List<Map<String, Object>> configs = state.flows(integration).stream().map(flow ->
                                    PrismaticState.map("id", PrismaticState.id("InstanceFlowConfig",
                                                    instance.get("id") + "/" + flow.get("id")),
                                            "webhookUrl", flow.get("testUrl").toString().replace("/test/", "/instance/")
                                                    + "-" + Math.abs(instance.get("id").hashCode()),
                                            "flow", flow)).toList();
                            return Relay.page(configs, env.getArguments());
                        }))
                .type(TypeRuntimeWiring.newTypeWiring("Integration")
                        .dataFetcher("customer", link(state.customers, "_customer"))
                        .dataFetcher("definition", env -> ((Map<?, ?>) env.getSource()).get("_definition"))
                        .dataFetcher("flows", env -> Relay.page(state.flows(env.getSource()), env.getArguments()))
                        // One record per integration here: its sequence is its current version (what a read-back needs).
                        .dataFetcher("versionSequence", env -> Relay.page(List.of(env.getSource()), env.getArguments())))
                .type(TypeRuntimeWiring.newTypeWiring("Component")
                        .dataFetcher("customer", link(state.customers, "_customer")))
                .type(TypeRuntimeWiring.newTypeWiring("InstanceExecutionResult")
                        .dataFetcher("instance", link(state.instances, "_instance"))
                        .dataFetcher("integration", link(state.integrations, "_integration"))
                        .dataFetcher("flow", env -> state.flow((String) ((Map<?, ?>) env.getSource()).get("_flow"))))
                .type(TypeRuntimeWiring.newTypeWiring("TestIntegrationFlowResult")
                        .dataFetcher("flow", env -> state.flow((String) ((Map<?, ?>) env.getSource()).get("_flow")))
                        .dataFetcher("execution", env -> refreshed(state.executions.get(
                                (String) ((Map<?, ?>) env.getSource()).get("_execution")))))
                .build();
    }

    private Map<String, Object> refreshed(Map<String, Object> execution) {
        return execution == null ? null : state.refresh(execution);
    }

    private static DataFetcher<Object> link(Map<String, Map<String, Object>> table, String key) {
        return env -> {
            Object id = ((Map<?, ?>) env.getSource()).get(key);
            return id == null ? null : table.get((String) id);
        };
    }

    private static Predicate<Map<String, Object>> systemFilter(DataFetchingEnvironment env) {
        Boolean system = env.getArgument("isSystem");
        return item -> system == null || system.equals(item.get("_system"));
    }

    private Predicate<Map<String, Object>> instanceFilter(DataFetchingEnvironment env) {
        String customer = env.getArgument("customer");
        String integration = env.getArgument("integration");
        String externalId = env.getArgument("customer_ExternalId");
        Object sequence = env.getArgument("integration_VersionSequenceId");
        return item -> (customer == null || customer.equals(item.get("_customer")))
                && (sequence == null || String.valueOf(sequence).equals(String.valueOf(
                        state.integrations.get((String) item.get("_integration")).get("versionSequenceId"))))
                && (integration == null || integration.equals(item.get("_integration")))
                && (externalId == null
                || externalId.equals(state.customers.get((String) item.get("_customer")).get("externalId")));
    }

    private Predicate<Map<String, Object>> integrationFilter(DataFetchingEnvironment env) {
        Boolean hasInstances = env.getArgument("hasInstances");
        Boolean marketplace = env.getArgument("marketplace");
        return item -> (hasInstances == null || hasInstances == state.instances.values().stream()
                .anyMatch(i -> item.get("id").equals(i.get("_integration"))))
                && (marketplace == null
                || marketplace == !"NOT_AVAILABLE_IN_MARKETPLACE".equals(item.get("marketplaceConfiguration")));
    }

    private static Map<String, Object> list(java.util.Collection<Map<String, Object>> all, DataFetchingEnvironment env,
                                            List<String> special, Predicate<Map<String, Object>> extra) {
        Map<String, Object> args = env.getArguments();
        List<Map<String, Object>> matching = all.stream().filter(extra.and(Relay.filter(args, special))).toList();
        return Relay.page(Relay.sort(matching, args.get("sortBy"), ORDER_FIELDS), args);
    }

    @SuppressWarnings("unchecked")
    private static final Map<String, Function<Map<String, Object>, Comparable<Object>>> ORDER_FIELDS = Map.of(
            "CREATED_AT", m -> (Comparable<Object>) (Object) String.valueOf(m.getOrDefault("_createdAt", "")),
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
