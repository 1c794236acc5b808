package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Integration;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * Publishes the integration's draft as a new version; {@code comments} becomes the version comment and
 * {@code attributes} (a JSON object, as Prism sends {@code commitHash}, {@code commitUrl}, {@code repoUrl},
 * {@code pullRequestUrl}) the version attributes.
 */
public final class PublishIntegrationVersionFunction extends PrismaticFunction<PublishIntegrationVersionFunction.PublishIntegrationVersionInput, Integration> {

    /** The action's input. */
    @Serdeable
    public record PublishIntegrationVersionInput(@NonNull String integrationId, @Nullable String comments,
                                                 @Nullable Map<String, Object> attributes) {
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
        return prismatic.publishIntegration(input.integrationId(), input.comments(), input.attributes());
    }
}
