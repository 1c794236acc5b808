package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Integration;
import io.ipaasops.prismatic.Page;
import io.ipaasops.prismatic.PageRequest;
import io.ipaasops.prismatic.PrismaticClient;
import io.ipaasops.prismatic.Variables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Lists integrations, filtered as the connector's inputs say: one page, or every page with {@code all}.
 *
 * <p>{@code marketplaceConfig} matches {@code marketplaceConfiguration} exactly (see docs/decisions).</p>
 */
public final class ListIntegrationsFunction extends PrismaticFunction<ListIntegrationsFunction.ListIntegrationsInput,
        Page<Integration>> {

    /** The action's input; every filter is optional and sent only when set. */
    @Serdeable
    public record ListIntegrationsInput(@Nullable String after, @Nullable String before, @Nullable String name,
                                        @Nullable Integer offset, @Nullable Boolean allVersions,
                                        @Nullable String category, @Nullable String categoryContains,
                                        @Nullable String description, @Nullable String descriptionContains,
                                        @Nullable Integer first, @Nullable Boolean hasInstances,
                                        @Nullable Boolean hasUnpublishedChanges, @Nullable String labelContains,
                                        @Nullable Integer last, @Nullable Boolean marketplace,
                                        @Nullable String marketplaceConfig, @Nullable String nameContains,
                                        @Nullable Boolean versionIsAvailable, @Nullable Integer versionNumber,
                                        @Nullable String versionSequenceId, @Nullable Boolean all) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public ListIntegrationsFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public ListIntegrationsFunction(@Nullable ApplicationContext context) {
        super(context, "list-integrations", ListIntegrationsInput.class, Effect.READ);
    }

    @Override
    protected Page<Integration> execute(ListIntegrationsInput in, PrismaticClient prismatic) {
        return prismatic.integrations(Variables.of(
                        "name", in.name(),
                        "allVersions", in.allVersions(),
                        "category", in.category(),
                        "category_Icontains", in.categoryContains(),
                        "description", in.description(),
                        "description_Icontains", in.descriptionContains(),
                        "hasInstances", in.hasInstances(),
                        "hasUnpublishedChanges", in.hasUnpublishedChanges(),
                        "labels_Icontains", in.labelContains(),
                        "marketplace", in.marketplace(),
                        "marketplaceConfiguration_Iexact", in.marketplaceConfig(),
                        "name_Icontains", in.nameContains(),
                        "versionIsAvailable", in.versionIsAvailable(),
                        "versionNumber", in.versionNumber(),
                        "versionSequenceId", in.versionSequenceId()),
                new PageRequest(in.first(), in.after(), in.last(), in.before(), in.offset(),
                        Boolean.TRUE.equals(in.all())));
    }
}
