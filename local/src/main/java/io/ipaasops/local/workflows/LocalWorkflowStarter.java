package io.ipaasops.local.workflows;

import io.ipaasops.core.TransientException;
import io.ipaasops.workflows.StartedExecution;
import io.ipaasops.workflows.StepFunctionsStarter;
import io.ipaasops.workflows.Workflow;
import io.ipaasops.workflows.WorkflowStarter;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * The {@link WorkflowStarter} of the local host ({@code ipaas.workflows.engine=local}, which the launcher sets):
 * a push starts its executions on the local engine in the background instead of on Step Functions, under the same
 * names, so the webhook's code and answers are those of AWS.
 */
@Singleton
@Requires(property = LocalWorkflowStarter.ENGINE, value = "local")
@Replaces(StepFunctionsStarter.class)
public final class LocalWorkflowStarter implements WorkflowStarter {

    /** The property that selects this starter. */
    public static final String ENGINE = "ipaas.workflows.engine";

    private final LocalExecutions executions;

    /** Creates the starter over the host's executions. */
    public LocalWorkflowStarter(LocalExecutions executions) {
        this.executions = executions;
    }

    /**
     * {@inheritDoc}
     *
     * @throws TransientException when nothing could start here (no Node.js, no host, or too many running): the
     *                            message says which, and a redelivery starts it once that is fixed
     */
    @Override
    public StartedExecution start(Workflow workflow, String name, Object input) {
        try {
            LocalExecutions.Started started = executions.start(workflow, name, input);
            return new StartedExecution(workflow, arn(workflow, name), name, started.alreadyStarted());
        } catch (LocalExecutions.NotStarted e) {
            throw new TransientException("the push matched a " + workflow.id() + " watch, but " + e.getMessage()
                    + "; nothing was started: deliver the push again once it can");
        }
    }

    /** An ARN shaped as on AWS (state machine {@code ipaas-ops-<workflow>}), in the {@code local} region. */
    static String arn(Workflow workflow, String name) {
        return "arn:aws:states:local:000000000000:execution:ipaas-ops-" + workflow.id() + ":" + name;
    }
}
