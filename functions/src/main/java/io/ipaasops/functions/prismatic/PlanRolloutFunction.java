package io.ipaasops.functions.prismatic;

import io.ipaasops.prismatic.Instance;
import io.ipaasops.prismatic.PageRequest;
import io.ipaasops.prismatic.PrismaticClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * Finds every instance of an integration, across all its versions, and splits them into the canary (those carrying
 * the label) and the rest: the fleet a release rolls out to.
 */
public final class PlanRolloutFunction extends PrismaticFunction<PlanRolloutFunction.PlanRolloutInput,
        PlanRolloutFunction.RolloutPlan> {

    /** The action's input: the version sequence (publish returns it) and the canary label, if any. */
    @Serdeable
    public record PlanRolloutInput(@NonNull String versionSequenceId, @Nullable String canaryLabel) {
    }

    /** One instance to roll out to. */
    @Serdeable
    public record Target(String id, String name, List<String> labels) {
    }

    /** The canary first, then the rest. */
    @Serdeable
    public record RolloutPlan(List<Target> canary, List<Target> rest, int total) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public PlanRolloutFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public PlanRolloutFunction(@Nullable ApplicationContext context) {
        super(context, "plan-rollout", PlanRolloutInput.class, Effect.READ);
    }

    @Override
    protected RolloutPlan execute(PlanRolloutInput input, PrismaticClient prismatic) {
        List<Target> all = prismatic.instances(Map.of("integration_VersionSequenceId", input.versionSequenceId()),
                new PageRequest(null, null, null, null, null, true)).nodes().stream()
                .map(PlanRolloutFunction::target).toList();
        String label = input.canaryLabel();
        List<Target> canary = label == null ? List.of() : all.stream().filter(t -> t.labels().contains(label)).toList();
        List<Target> rest = all.stream().filter(t -> !canary.contains(t)).toList();
        return new RolloutPlan(canary, rest, all.size());
    }

    private static Target target(Instance instance) {
        return new Target(instance.id(), instance.name(), instance.labels() == null ? List.of() : instance.labels());
    }
}
