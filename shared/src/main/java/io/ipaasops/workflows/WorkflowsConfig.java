package io.ipaasops.workflows;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * What a push starts, under {@code ipaas.workflows}: the watch lists (each a JSON array, or the path of a file
 * holding one) and the state machines' ARNs. {@code application.properties} maps the variables the stack sets,
 * {@code IPAAS_RELEASES}, {@code IPAAS_CONNECTOR_SYNCS}, {@code RELEASE_STATE_MACHINE_ARN} and
 * {@code SYNC_CONNECTOR_STATE_MACHINE_ARN}, onto these.
 */
@ConfigurationProperties("ipaas.workflows")
public class WorkflowsConfig {

    private String releases;
    private String connectorSyncs;
    private String releaseArn;
    private String syncConnectorArn;

    /** The release watches: a JSON array of {@link ReleaseWatch}, or a file path; blank for none. */
    public @Nullable String getReleases() {
        return releases;
    }

    /** Sets the release watches. */
    public void setReleases(@Nullable String releases) {
        this.releases = releases;
    }

    /** The connector-sync watches: a JSON array of {@link ConnectorSyncWatch}, or a file path; blank for none. */
    public @Nullable String getConnectorSyncs() {
        return connectorSyncs;
    }

    /** Sets the connector-sync watches. */
    public void setConnectorSyncs(@Nullable String connectorSyncs) {
        this.connectorSyncs = connectorSyncs;
    }

    /** The release state machine's ARN. */
    public @Nullable String getReleaseArn() {
        return releaseArn;
    }

    /** Sets the release state machine's ARN. */
    public void setReleaseArn(@Nullable String releaseArn) {
        this.releaseArn = releaseArn;
    }

    /** The sync-connector state machine's ARN. */
    public @Nullable String getSyncConnectorArn() {
        return syncConnectorArn;
    }

    /** Sets the sync-connector state machine's ARN. */
    public void setSyncConnectorArn(@Nullable String syncConnectorArn) {
        this.syncConnectorArn = syncConnectorArn;
    }

    /** The ARN of {@code workflow}'s state machine, or null when none is configured. */
    public @Nullable String stateMachineArn(Workflow workflow) {
        String arn = workflow == Workflow.RELEASE ? releaseArn : syncConnectorArn;
        return arn == null || arn.isBlank() ? null : arn;
    }
}
