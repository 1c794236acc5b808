package io.ipaasops.workflows;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The execution inputs a push gives each workflow: the state machines' contract with this webhook. */
public final class WorkflowInputs {

    private WorkflowInputs() {
    }

    /**
     * A file at a commit: {@code get-github-file}'s input as it stands.
     *
     * @param repository {@code owner/name}
     * @param path       the file's path
     * @param ref        the pushed commit's SHA, so the workflow reads exactly what was pushed
     */
    @Serdeable
    public record Source(String repository, String path, String ref) {
    }

    /**
     * The commit a release comes from, as Prism records it on a published version.
     *
     * @param hash    the commit SHA
     * @param url     the commit's web page
     * @param repoUrl the repository's web page
     */
    @Serdeable
    public record CommitRef(String hash, @Nullable String url, @Nullable String repoUrl) {
    }

    /**
     * The release workflow's input.
     *
     * @param integrationId the integration to import into and publish
     * @param source        the definition to import
     * @param comments      the version comment: the head commit's first line
     * @param commit        the commit released
     * @param rollout       the watch's rollout, as configured
     * @param testFlows     the watch's test flows, as configured
     */
    @Serdeable
    public record Release(String integrationId, Source source, @Nullable String comments, CommitRef commit,
                          @Nullable Object rollout, @Nullable Object testFlows) {
    }

    /**
     * The sync-connector workflow's input.
     *
     * @param connectorId the connector to update
     * @param source      its definition
     */
    @Serdeable
    public record SyncConnector(String connectorId, Source source) {
    }
}
