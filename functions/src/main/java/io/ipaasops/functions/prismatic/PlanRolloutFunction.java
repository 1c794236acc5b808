package io.ipaasops.functions.prismatic;

import io.ipaasops.core.AwsS3;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.Platform;
import io.ipaasops.core.S3Location;
import io.ipaasops.core.ValidationException;
import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.prismatic.Instance;
import io.ipaasops.prismatic.PageRequest;
import io.ipaasops.prismatic.PrismaticClient;
import io.ipaasops.prismatic.Variables;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.BeanLocator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the instances a rollout reaches and splits them into the canary (those carrying the label) and the rest:
 * for a release every instance of the integration, across all its versions; for a fleet deploy those a filter
 * selects. Given {@code targets}, the rest is written there as a JSON array for a Distributed Map's
 * {@code ItemReader}, so that a fleet of any size stays out of the workflow's state (decision 0028).
 */
public final class PlanRolloutFunction extends ActionFunction<PlanRolloutFunction.PlanRolloutInput,
        PlanRolloutFunction.RolloutPlan> {

    /** The most instances a canary may have: it runs inline, in the execution's own history and state. */
    public static final int MAX_CANARY = 100;

    /**
     * The action's input: which instances (every version of an integration, or a fleet filter), the canary label,
     * and where to write the rest (omitted: the rest is answered inline).
     *
     * @param versionSequenceId every instance of this integration, on any of its versions (publish returns it)
     * @param needsDeploy       only instances whose configuration changed since their last deploy
     * @param integration       only instances of this integration version
     * @param customer          only this customer's instances
     * @param canaryLabel       instances carrying this label are the canary
     * @param targets           where the rest is written, as a JSON array of targets
     */
    @Serdeable
    public record PlanRolloutInput(@Nullable String versionSequenceId, @Nullable Boolean needsDeploy,
                                   @Nullable String integration, @Nullable String customer,
                                   @Nullable String canaryLabel, @Nullable S3Location targets) {
    }

    /** One instance to roll out to. */
    @Serdeable
    public record Target(String id, String name, List<String> labels) {
    }

    /**
     * The canary first, then the rest: inline, or in {@code targets} when it was given ({@code rest} is then null).
     *
     * @param canary    the instances carrying the canary label
     * @param rest      every other instance, when answered inline
     * @param restCount how many other instances there are
     * @param total     every instance found
     * @param targets   where the rest was written, if it was
     */
    @Serdeable
    public record RolloutPlan(List<Target> canary, @Nullable List<Target> rest, int restCount, int total,
                              @Nullable S3Location targets) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public PlanRolloutFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public PlanRolloutFunction(@Nullable ApplicationContext context) {
        super(context, Platform.PRISMATIC, "plan-rollout", PlanRolloutInput.class, Effect.READ);
    }

    @Override
    public RolloutPlan run(PlanRolloutInput input, BeanLocator beans) {
        check(input);
        Map<String, Object> filters = Variables.of("integration_VersionSequenceId", input.versionSequenceId(),
                "needsDeploy", input.needsDeploy(), "integration", input.integration(), "customer", input.customer());
        List<Target> all = beans.getBean(PrismaticClient.class).instances(filters,
                new PageRequest(null, null, null, null, null, true)).nodes().stream()
                .map(PlanRolloutFunction::target).toList();
        String label = input.canaryLabel() == null || input.canaryLabel().isBlank() ? null : input.canaryLabel();
        List<Target> canary = label == null ? List.of() : all.stream().filter(t -> t.labels().contains(label))
                .toList();
        if (canary.size() > MAX_CANARY) {
            throw new ValidationException("invalid rollout: canaryLabel '" + label + "' matches " + canary.size()
                    + " instances; a canary is at most " + MAX_CANARY, List.of(new FieldError("canaryLabel",
                    "matches " + canary.size() + " instances; a canary is at most " + MAX_CANARY)));
        }
        List<Target> rest = all.stream().filter(t -> !canary.contains(t)).toList();
        if (input.targets() == null) {
            return new RolloutPlan(canary, rest, rest.size(), all.size(), null);
        }
        try {
            // Only a rollout that keeps its targets in S3 touches S3: the client is made on this first use.
            beans.getBean(AwsS3.class).put(input.targets(), beans.getBean(JsonMapper.class).writeValueAsBytes(rest),
                    "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the rollout's targets", e);
        }
        return new RolloutPlan(canary, null, rest.size(), all.size(), input.targets());
    }

    private static void check(PlanRolloutInput in) {
        List<FieldError> problems = new ArrayList<>();
        if (in.versionSequenceId() == null && in.needsDeploy() == null && in.integration() == null
                && in.customer() == null) {
            // Rolling out to every instance of the tenant is never meant: one of them must narrow it.
            problems.add(new FieldError("versionSequenceId", "is required"));
        }
        if (in.targets() != null) {
            problems.addAll(in.targets().problems("targets"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid rollout plan: " + problems.get(0).field() + " "
                    + problems.get(0).message() + (problems.get(0).field().equals("versionSequenceId")
                    ? " (or a fleet filter: needsDeploy, integration, customer)" : ""), problems);
        }
    }

    private static Target target(Instance instance) {
        return new Target(instance.id(), instance.name(), instance.labels() == null ? List.of() : instance.labels());
    }
}
