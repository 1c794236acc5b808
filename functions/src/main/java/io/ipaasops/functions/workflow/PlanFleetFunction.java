package io.ipaasops.functions.workflow;

import io.ipaasops.core.FieldError;
import io.ipaasops.core.ValidationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The deploy-fleet workflow's first step: checks its input and settles the filters and the rollout's bounds. */
public final class PlanFleetFunction extends WorkflowFunction<PlanFleetFunction.FleetInput,
        PlanFleetFunction.FleetPlan> {

    /** The deploy-fleet workflow's input: which instances (all that need a deploy, by default) and how fast. */
    @Serdeable
    public record FleetInput(@Nullable String integration, @Nullable String customer,
                             @Nullable Integer maxConcurrency, @Nullable Boolean stopOnFailure) {
    }

    /**
     * Which instances plan-rollout finds: those that need a deploy, of one integration or customer when set.
     *
     * @param needsDeploy always true: the fleet deploy reaches only instances whose configuration changed
     * @param integration only this integration version's instances, if set
     * @param customer    only this customer's instances, if set
     */
    @Serdeable
    public record FleetFilters(boolean needsDeploy, @Nullable String integration, @Nullable String customer) {
    }

    /** The plan-rollout filters and the rollout's bounds. */
    @Serdeable
    public record FleetPlan(FleetFilters filters, PlanReleaseFunction.Rollout rollout) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public PlanFleetFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public PlanFleetFunction(@Nullable ApplicationContext context) {
        super(context, "plan-fleet", FleetInput.class);
    }

    @Override
    protected FleetPlan execute(FleetInput in) {
        int concurrency = in.maxConcurrency() == null ? 10 : in.maxConcurrency();
        if (concurrency < 1 || concurrency > PlanReleaseFunction.MAX_CONCURRENCY) {
            throw new ValidationException("invalid fleet deploy: maxConcurrency must be between 1 and "
                    + PlanReleaseFunction.MAX_CONCURRENCY, List.of(new FieldError("maxConcurrency",
                    "must be between 1 and " + PlanReleaseFunction.MAX_CONCURRENCY)));
        }
        return new FleetPlan(new FleetFilters(true, in.integration(), in.customer()),
                new PlanReleaseFunction.Rollout(null, concurrency,
                Boolean.TRUE.equals(in.stopOnFailure())));
    }
}
