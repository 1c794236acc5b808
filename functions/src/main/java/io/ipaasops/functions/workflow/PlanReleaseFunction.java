package io.ipaasops.functions.workflow;

import io.ipaasops.core.FieldError;
import io.ipaasops.core.ValidationException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release workflow's first step: checks its input field by field and settles the defaults, so that every later
 * state reads a complete plan (and a bad request fails before anything changes).
 */
public final class PlanReleaseFunction extends WorkflowFunction<PlanReleaseFunction.ReleaseInput,
        PlanReleaseFunction.ReleasePlan> {

    /** The most instances rolled out at once. */
    static final int MAX_CONCURRENCY = 40;

    /** Where the definition lives: a file in a repository at a ref (a commit, for a push). */
    @Serdeable
    public record Source(@NonNull String repository, @NonNull String path, @NonNull String ref) {
    }

    /** The commit a release comes from; it becomes the version's attributes, as Prism sends them. */
    @Serdeable
    public record Commit(@Nullable String hash, @Nullable String url, @Nullable String repoUrl,
                         @Nullable String pullRequestUrl) {
    }

    /** How the new version reaches the fleet. */
    @Serdeable
    public record Rollout(@Nullable String canaryLabel, @Nullable Integer maxConcurrency,
                          @Nullable Boolean stopOnFailure) {
    }

    /** The release workflow's input. */
    @Serdeable
    public record ReleaseInput(@NonNull String integrationId, @Nullable String definition, @Nullable Source source,
                               @Nullable String comments, @Nullable Commit commit, @Nullable Rollout rollout,
                               @Nullable List<String> testFlows) {
    }

    /** The settled plan every later state reads. */
    @Serdeable
    public record ReleasePlan(String integrationId, boolean fetch, @Nullable String definition,
                              @Nullable Source source, @Nullable String comments,
                              @Nullable Map<String, Object> attributes, Rollout rollout, List<String> testFlows) {
    }

    /** Creates the handler; the Lambda runtime calls this. */
    public PlanReleaseFunction() {
        this(null);
    }

    /** Creates the handler on a started context (tests, the local host); {@code null}: its own, on first use. */
    public PlanReleaseFunction(@Nullable ApplicationContext context) {
        super(context, "plan-release", ReleaseInput.class);
    }

    @Override
    protected ReleasePlan execute(ReleaseInput in) {
        List<FieldError> errors = new ArrayList<>();
        if ((in.definition() == null) == (in.source() == null)) {
            errors.add(new FieldError(in.definition() == null ? "definition" : "source",
                    "give either definition (YAML text) or source {repository, path, ref}, not both or neither"));
        }
        Rollout rollout = in.rollout() == null ? new Rollout(null, null, null) : in.rollout();
        int concurrency = rollout.maxConcurrency() == null ? 10 : rollout.maxConcurrency();
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            errors.add(new FieldError("rollout.maxConcurrency", "must be between 1 and " + MAX_CONCURRENCY));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException("invalid release: " + errors.get(0).field() + ": "
                    + errors.get(0).message(), errors);
        }
        String canary = rollout.canaryLabel() == null || rollout.canaryLabel().isBlank() ? null
                : rollout.canaryLabel();
        return new ReleasePlan(in.integrationId(), in.source() != null, in.definition(), in.source(), in.comments(),
                attributes(in.commit()), new Rollout(canary, concurrency, Boolean.TRUE.equals(rollout.stopOnFailure())),
                in.testFlows() == null ? List.of() : List.copyOf(in.testFlows()));
    }

    /** {@code commitHash}, {@code commitUrl}, {@code repoUrl}, {@code pullRequestUrl}, each only when set. */
    private static Map<String, Object> attributes(@Nullable Commit commit) {
        if (commit == null) {
            return null;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        put(attributes, "commitHash", commit.hash());
        put(attributes, "commitUrl", commit.url());
        put(attributes, "repoUrl", commit.repoUrl());
        put(attributes, "pullRequestUrl", commit.pullRequestUrl());
        return attributes.isEmpty() ? null : attributes;
    }

    private static void put(Map<String, Object> map, String key, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}
