package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Integration;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Imports a YAML integration definition, into an existing integration when {@code integrationId} is given. */
public final class ImportIntegrationFunction extends PrismaticFunction<ImportIntegrationFunction.ImportIntegrationInput, Integration> {

    /** The action's input. */
    @Serdeable
    public record ImportIntegrationInput(@Nullable String integrationId, @NonNull String definition, @Nullable Boolean replace) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public ImportIntegrationFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public ImportIntegrationFunction(@Nullable ApplicationContext context) {
        super(context, "import-integration", ImportIntegrationInput.class, Effect.WRITE);
    }

    @Override
    protected Integration execute(ImportIntegrationInput input, PrismaticClient prismatic) {
        return prismatic.importIntegration(input.integrationId(), input.definition(), input.replace());
    }
}
