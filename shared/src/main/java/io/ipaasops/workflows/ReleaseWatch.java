package io.ipaasops.workflows;

import io.ipaasops.github.PushEvent;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A change to {@code path} on {@code branch} of {@code repository} releases the integration {@code integrationId}.
 *
 * @param repository    {@code owner/name}
 * @param branch        the branch, without {@code refs/heads/}
 * @param path          the integration's definition (YAML) in the repository
 * @param integrationId the Prismatic integration the definition is imported into
 * @param testFlows     passed to the release workflow as given (which flows to test before rolling out)
 * @param rollout       passed to the release workflow as given (how to roll the new version out)
 */
@Serdeable
public record ReleaseWatch(@NonNull String repository, @NonNull String branch, @NonNull String path,
                           @NonNull String integrationId, @Nullable Object testFlows, @Nullable Object rollout)
        implements Watch {

    @Override
    public Workflow workflow() {
        return Workflow.RELEASE;
    }

    @Override
    public String target() {
        return integrationId;
    }

    @Override
    public WorkflowInputs.Release input(PushEvent push) {
        PushEvent.Commit head = push.headCommit();
        return new WorkflowInputs.Release(integrationId, source(push), push.headline(),
                new WorkflowInputs.CommitRef(push.after(), head == null ? null : head.url(),
                        push.repository().htmlUrl()), rollout, testFlows);
    }
}
