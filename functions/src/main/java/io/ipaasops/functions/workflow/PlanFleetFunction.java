package io.ipaasops.functions.workflow;

import io.ipaasops.core.FieldError;
import io.ipaasops.core.ValidationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The deploy-fleet workflow's first step: checks its input and settles the filters and the rollout's bounds. */
public final class PlanFleetFunction extends WorkflowFunction<PlanFleetFunction.FleetInput,
        PlanFleetFunction.FleetPlan> {

    /** The deploy-fleet workflow's input: which instances (all that need a deploy, by default) and how fast. */
    @Serdeable
    public record FleetInput(@Nullable String integration, @Nullable String customer,
                             @Nullable Integer maxConcurrency, @Nullable Boolean stopOnFailure) {
    }

    /** The list-instances filters and the rollout's bounds. */
    @Serdeable
    public record FleetPlan(Map<String, Object> filters, PlanReleaseFunction.Rollout rollout) {
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
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("needsDeploy", true);
        filters.put("all", true);
        if (in.integration() != null) {
            filters.put("integration", in.integration());
        }
        if (in.customer() != null) {
            filters.put("customer", in.customer());
        }
        return new FleetPlan(filters, new PlanReleaseFunction.Rollout(null, concurrency,
                Boolean.TRUE.equals(in.stopOnFailure())));
    }
}
