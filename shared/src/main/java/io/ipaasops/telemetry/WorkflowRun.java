package io.ipaasops.telemetry;

import io.ipaasops.workflows.Workflow;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a workflow's summary step reported about one execution: the third directive of its metrics record.
 *
 * @param workflow    which workflow
 * @param outcome     the report's overall outcome
 * @param rolledOut   instances deployed
 * @param failed      instances not deployed (failed, or moved without a deploy)
 * @param testsFailed test flows that did not end in {@code SUCCESS}
 */
public record WorkflowRun(Workflow workflow, Outcome outcome, long rolledOut, long failed, long testsFailed) {

    /** A workflow execution's overall outcome: its report's {@code overall} and the {@code Outcome} dimension. */
    @Serdeable
    public enum Outcome {
        /** Nothing failed. */
        SUCCEEDED,
        /** Nothing succeeded. */
        FAILED,
        /** Some of each. */
        PARTIAL
    }
}
