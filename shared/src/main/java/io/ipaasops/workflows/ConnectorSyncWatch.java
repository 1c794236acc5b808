package io.ipaasops.workflows;

import io.ipaasops.github.PushEvent;
import io.micronaut.core.annotation.NonNull;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A change to {@code path} on {@code branch} of {@code repository} syncs the Versori connector {@code connectorId}.
 *
 * @param repository  {@code owner/name}
 * @param branch      the branch, without {@code refs/heads/}
 * @param path        the connector's definition in the repository
 * @param connectorId the Versori connector it describes
 */
@Serdeable
public record ConnectorSyncWatch(@NonNull String repository, @NonNull String branch, @NonNull String path,
                                 @NonNull String connectorId) implements Watch {

    @Override
    public Workflow workflow() {
        return Workflow.SYNC_CONNECTOR;
    }

    @Override
    public String target() {
        return connectorId;
    }

    @Override
    public WorkflowInputs.SyncConnector input(PushEvent push) {
        return new WorkflowInputs.SyncConnector(connectorId, source(push));
    }
}
