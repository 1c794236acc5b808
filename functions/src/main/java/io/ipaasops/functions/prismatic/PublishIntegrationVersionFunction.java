package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Integration;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Publishes the integration's draft as a new version; {@code comments} becomes the version comment. */
public final class PublishIntegrationVersionFunction extends PrismaticFunction<PublishIntegrationVersionFunction.PublishIntegrationVersionInput, Integration> {

    /** The action's input. */
    @Serdeable
    public record PublishIntegrationVersionInput(@NonNull String integrationId, @Nullable String comments) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public PublishIntegrationVersionFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public PublishIntegrationVersionFunction(@Nullable ApplicationContext context) {
        super(context, "publish-integration-version", PublishIntegrationVersionInput.class, Effect.WRITE);
    }

    @Override
    protected Integration execute(PublishIntegrationVersionInput input, PrismaticClient prismatic) {
        return prismatic.publishIntegration(input.integrationId(), input.comments());
    }
}
