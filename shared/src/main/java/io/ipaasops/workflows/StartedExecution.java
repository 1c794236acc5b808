package io.ipaasops.workflows;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One workflow execution a push started, or had already started.
 *
 * @param workflow       the workflow
 * @param execution      the execution's ARN, to follow it in the Step Functions console or API
 * @param name           the execution's name
 * @param alreadyStarted whether an earlier delivery (a redelivery of the same push) had started it
 */
@Serdeable
public record StartedExecution(Workflow workflow, String execution, String name, boolean alreadyStarted) {
}
