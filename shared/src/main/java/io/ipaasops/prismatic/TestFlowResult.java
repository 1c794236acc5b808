package io.ipaasops.prismatic;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What a test run of a flow returned, and the execution it started.
 *
 * @param executionId the execution to follow with get-execution
 * @param statusCode  the HTTP status the flow's trigger answered with
 * @param headers     the trigger's response headers, as JSON text
 * @param body        the trigger's response body
 * @param flow        the flow that ran
 * @param execution   the execution, as last seen (finished when {@code finished} is true)
 * @param finished    whether the execution had ended when the result was returned
 */
@Serdeable
public record TestFlowResult(String executionId, Integer statusCode, String headers, String body, Ref flow,
                             Execution execution, boolean finished) {
}
