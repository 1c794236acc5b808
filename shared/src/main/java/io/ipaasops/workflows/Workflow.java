package io.ipaasops.workflows;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

/** The workflows a push can start, each a Step Functions state machine named by its kebab-case noun. */
@Serdeable
public enum Workflow {
    /** Import an integration's definition from the repository, publish, test and roll it out. */
    RELEASE("release", "ipaas.workflows.release-arn", "RELEASE_STATE_MACHINE_ARN"),
    /** Bring a Versori connector in line with its definition in the repository. */
    SYNC_CONNECTOR("sync-connector", "ipaas.workflows.sync-connector-arn", "SYNC_CONNECTOR_STATE_MACHINE_ARN");

    private final String id;
    private final String property;
    private final String variable;

    Workflow(String id, String property, String variable) {
        this.id = id;
        this.property = property;
        this.variable = variable;
    }

    /** The workflow's name, as in its execution names and outputs. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The property holding its state machine's ARN, and the environment variable it comes from, for messages. */
    public String configuredBy() {
        return property + " (" + variable + ")";
    }

    @Override
    public String toString() {
        return id;
    }
}
