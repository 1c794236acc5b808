package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Instance;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Moves an instance to a published version of its integration (Prismatic's updateInstance with {@code integration});
 * the instance runs it once deployed.
 */
public final class MoveInstanceToVersionFunction
        extends PrismaticFunction<MoveInstanceToVersionFunction.MoveInstanceToVersionInput, Instance> {

    /** The action's input: the instance and the version's own integration id (publish returns it). */
    @Serdeable
    public record MoveInstanceToVersionInput(@NonNull String instanceId, @NonNull String versionId) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public MoveInstanceToVersionFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public MoveInstanceToVersionFunction(@Nullable ApplicationContext context) {
        super(context, "move-instance-to-version", MoveInstanceToVersionInput.class, Effect.WRITE);
    }

    @Override
    protected Instance execute(MoveInstanceToVersionInput input, PrismaticClient prismatic) {
        return prismatic.moveInstance(input.instanceId(), input.versionId());
    }
}
