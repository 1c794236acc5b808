package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Instance;
import io.ipaasops.prismatic.Page;
import io.ipaasops.prismatic.PageRequest;
import io.ipaasops.prismatic.PrismaticClient;
import io.ipaasops.prismatic.Variables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Lists instances, filtered as the connector's inputs say: one page, or every page with {@code all}. */
public final class ListInstancesFunction extends PrismaticFunction<ListInstancesFunction.ListInstancesInput,
        Page<Instance>> {

    /** The action's input; every filter is optional and sent only when set ({@code versionSequenceId}: every version). */
    @Serdeable
    public record ListInstancesInput(@Nullable String name, @Nullable String before, @Nullable String after,
                                     @Nullable String customer, @Nullable Integer offset,
                                     @Nullable Integer compatibility, @Nullable String customerExternalId,
                                     @Nullable String description, @Nullable String descriptionContains,
                                     @Nullable Boolean enabled, @Nullable Integer first,
                                     @Nullable String integration, @Nullable String labelContains,
                                     @Nullable Integer last, @Nullable String nameContains,
                                     @Nullable Boolean needsDeploy, @Nullable String versionSequenceId,
                                     @Nullable Boolean all) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public ListInstancesFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public ListInstancesFunction(@Nullable ApplicationContext context) {
        super(context, "list-instances", ListInstancesInput.class, Effect.READ);
    }

    @Override
    protected Page<Instance> execute(ListInstancesInput in, PrismaticClient prismatic) {
        return prismatic.instances(Variables.of(
                        "name", in.name(),
                        "customer", in.customer(),
                        "compatibility", in.compatibility(),
                        "customer_ExternalId", in.customerExternalId(),
                        "description", in.description(),
                        "description_Icontains", in.descriptionContains(),
                        "enabled", in.enabled(),
                        "integration", in.integration(),
                        "labels_Icontains", in.labelContains(),
                        "name_Icontains", in.nameContains(),
                        "needsDeploy", in.needsDeploy(),
                        "integration_VersionSequenceId", in.versionSequenceId()),
                new PageRequest(in.first(), in.after(), in.last(), in.before(), in.offset(),
                        Boolean.TRUE.equals(in.all())));
    }
}
