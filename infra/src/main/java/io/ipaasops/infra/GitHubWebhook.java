package io.ipaasops.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.IValidation;

/**
 * The GitHub push webhook's function ({@code github-push}): its watch lists from {@code ipaas-ops.json}, and, once
 * the workflows' state machines exist, their ARNs and the right to start executions of exactly those two.
 *
 * <p>It calls no GitHub API, so it gets no GitHub secret: it only verifies the webhook signature and starts
 * executions. Synthesis fails while a watch list is non-empty and {@link #useStateMachines} was never called, so
 * no stack is deployed whose pushes could not start their workflows.</p>
 */
public final class GitHubWebhook {

    /** The action this wires. */
    public static final String ACTION = "github-push";
    /** Lambda allows 4 KB of environment in all; the watch lists may take this much of it. */
    static final int MAX_WATCHES_LENGTH = 3000;

    private final Function function;
    private final InfraConfig config;
    private boolean wired;

    /** Gives the webhook's function its watch lists. */
    GitHubWebhook(ActionLambda lambda, InfraConfig config) {
        this.function = lambda.function();
        this.config = config;
        if (config.releases().length() + config.connectorSyncs().length() > MAX_WATCHES_LENGTH) {
            throw new IllegalArgumentException("releases and connectorSyncs in ipaas-ops.json take "
                    + (config.releases().length() + config.connectorSyncs().length()) + " characters of JSON;"
                    + " Lambda's environment holds 4 KB in all, so at most " + MAX_WATCHES_LENGTH + " fit");
        }
        function.addEnvironment("IPAAS_RELEASES", config.releases());
        function.addEnvironment("IPAAS_CONNECTOR_SYNCS", config.connectorSyncs());
        lambda.getNode().addValidation(new IValidation() {
            @Override
            public List<String> validate() {
                return problems();
            }
        });
    }

    /**
     * Points the webhook at the workflows' state machines ({@code RELEASE_STATE_MACHINE_ARN},
     * {@code SYNC_CONNECTOR_STATE_MACHINE_ARN}) and grants {@code states:StartExecution} on exactly these two.
     */
    public void useStateMachines(IStateMachine releaseStateMachine, IStateMachine syncConnectorStateMachine) {
        function.addEnvironment("RELEASE_STATE_MACHINE_ARN", releaseStateMachine.getStateMachineArn());
        function.addEnvironment("SYNC_CONNECTOR_STATE_MACHINE_ARN", syncConnectorStateMachine.getStateMachineArn());
        releaseStateMachine.grantStartExecution(function);
        syncConnectorStateMachine.grantStartExecution(function);
        wired = true;
    }

    /** The function. */
    public Function function() {
        return function;
    }

    private List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!wired && !(config.releases().equals("[]") && config.connectorSyncs().equals("[]"))) {
            problems.add("ipaas-ops.json watches pushes (releases, connectorSyncs), but no state machines were"
                    + " given to GitHubWebhook.useStateMachines: a matching push could not start its workflow");
        }
        return problems;
    }
}
