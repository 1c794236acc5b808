package io.ipaasops.functions;

import io.ipaasops.lambda.ActionFunction;
import io.micronaut.context.ApplicationContext;
import io.ipaasops.functions.github.GetGitHubFileFunction;
import io.ipaasops.functions.github.GitHubPushFunction;
import io.ipaasops.functions.prismatic.DeployInstanceFunction;
import io.ipaasops.functions.prismatic.DisableInstanceFunction;
import io.ipaasops.functions.prismatic.GetCurrentUserFunction;
import io.ipaasops.functions.prismatic.GetCustomerFunction;
import io.ipaasops.functions.prismatic.GetExecutionFunction;
import io.ipaasops.functions.prismatic.GetInstanceFunction;
import io.ipaasops.functions.prismatic.GetIntegrationFunction;
import io.ipaasops.functions.prismatic.ImportIntegrationFunction;
import io.ipaasops.functions.prismatic.ListComponentsFunction;
import io.ipaasops.functions.prismatic.ListCustomersFunction;
import io.ipaasops.functions.prismatic.ListFlowsFunction;
import io.ipaasops.functions.prismatic.ListInstancesFunction;
import io.ipaasops.functions.prismatic.ListIntegrationsFunction;
import io.ipaasops.functions.prismatic.MoveInstanceToVersionFunction;
import io.ipaasops.functions.prismatic.PlanRolloutFunction;
import io.ipaasops.functions.prismatic.PublishIntegrationVersionFunction;
import io.ipaasops.functions.prismatic.RawGraphqlRequestFunction;
import io.ipaasops.functions.prismatic.TestFlowFunction;
import io.ipaasops.functions.prismatic.UpdateInstanceFunction;
import io.ipaasops.functions.prismatic.UpdateIntegrationFunction;
import io.ipaasops.functions.versori.GetConnectionFunction;
import io.ipaasops.functions.versori.GetConnectorFunction;
import io.ipaasops.functions.versori.ListConnectionsFunction;
import io.ipaasops.functions.versori.ListConnectorsFunction;
import io.ipaasops.functions.versori.UpdateConnectionFunction;
import io.ipaasops.functions.versori.UpdateConnectorFunction;
import io.ipaasops.functions.workflow.PlanFleetFunction;
import io.ipaasops.functions.workflow.PlanReleaseFunction;
import io.ipaasops.functions.workflow.SummarizeConnectorSyncFunction;
import io.ipaasops.functions.workflow.SummarizeRolloutFunction;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The registry of every action: the one list that {@code --list}, the local host and the CDK app all read.
 *
 * <p>Adding an action here adds its CLI command, its route and its Lambda function.</p>
 */
public final class Actions {

    private static final List<Function<ApplicationContext, ActionFunction<?, ?>>> HANDLERS = List.of(
            DeployInstanceFunction::new,
            DisableInstanceFunction::new,
            GetCurrentUserFunction::new,
            GetCustomerFunction::new,
            GetExecutionFunction::new,
            GetInstanceFunction::new,
            GetIntegrationFunction::new,
            ImportIntegrationFunction::new,
            ListComponentsFunction::new,
            ListCustomersFunction::new,
            ListFlowsFunction::new,
            ListInstancesFunction::new,
            ListIntegrationsFunction::new,
            MoveInstanceToVersionFunction::new,
            PlanRolloutFunction::new,
            PublishIntegrationVersionFunction::new,
            RawGraphqlRequestFunction::new,
            TestFlowFunction::new,
            UpdateInstanceFunction::new,
            UpdateIntegrationFunction::new,
            GetConnectorFunction::new,
            ListConnectorsFunction::new,
            UpdateConnectorFunction::new,
            GetConnectionFunction::new,
            ListConnectionsFunction::new,
            UpdateConnectionFunction::new,
            PlanReleaseFunction::new,
            PlanFleetFunction::new,
            SummarizeRolloutFunction::new,
            SummarizeConnectorSyncFunction::new,
            GetGitHubFileFunction::new,
            GitHubPushFunction::new);

    private static final List<ActionFunction<?, ?>> ALL = on(null);

    private Actions() {
    }

    /** Every action, in a stable order, as Lambda constructs its handler (nothing starts until one is called). */
    public static List<ActionFunction<?, ?>> all() {
        return ALL;
    }

    /** The action called {@code name}, if there is one. */
    public static Optional<ActionFunction<?, ?>> named(String name) {
        return ALL.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** Every action's handler on a started {@code context}, as the local host and tests run them. */
    public static List<ActionFunction<?, ?>> on(ApplicationContext context) {
        return HANDLERS.stream().<ActionFunction<?, ?>>map(h -> h.apply(context)).toList();
    }
}
