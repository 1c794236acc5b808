package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** Sends any GraphQL document to Prismatic and returns its {@code data}; {@code operationName} picks one of several. */
public final class RawGraphqlRequestFunction extends PrismaticFunction<RawGraphqlRequestFunction.RawGraphqlRequestInput, JsonNode> {

    /** The action's input. */
    @Serdeable
    public record RawGraphqlRequestInput(@NonNull String query, @Nullable Map<String, Object> variables,
                                         @Nullable String operationName) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public RawGraphqlRequestFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public RawGraphqlRequestFunction(@Nullable ApplicationContext context) {
        super(context, "raw-graphql-request", RawGraphqlRequestInput.class, Effect.WRITE);
    }

    @Override
    protected JsonNode execute(RawGraphqlRequestInput input, PrismaticClient prismatic) {
        return prismatic.graphQl(input.query(), input.variables() == null ? Map.of() : input.variables(),
                input.operationName());
    }
}
