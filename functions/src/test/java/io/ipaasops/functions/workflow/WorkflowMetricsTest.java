package io.ipaasops.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.ValidationException;
import io.ipaasops.core.Platform;
import io.ipaasops.functions.Actions;
import io.ipaasops.telemetry.Invocation;
import io.ipaasops.telemetry.InvocationSummary;
import io.ipaasops.telemetry.Telemetry;
import io.ipaasops.telemetry.WorkflowRun;
import io.ipaasops.workflows.Workflow;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The report's {@code workflow}, which makes its metrics record count the execution (decision 0029; the record
 * itself is checked under the runtime client in {@code LambdaMetricsIT}).
 */
@MicronautTest
class WorkflowMetricsTest {

    @Inject
    ActionInvoker invoker;

    private String report(String input) {
        return new String(invoker.invoke(Actions.named("summarize-rollout").orElseThrow(),
                input.getBytes(StandardCharsets.UTF_8), Deadline.in(Duration.ofSeconds(10))), StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownWorkflowIsRefusedNamingTheFieldAndTheKnownOnes() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> report("{\"workflow\":\"deploy-everything\",\"rest\":[]}"));

        assertEquals(List.of(new FieldError("workflow",
                "must be one of release, deploy-fleet, nightly-tests, sync-connector")), e.fields());
    }

    @Test
    void aKnownWorkflowLeavesTheReportAsItWas() {
        assertEquals(report("{\"rest\":[[{\"instanceId\":\"r1\",\"status\":\"deployed\"}]]}"),
                report("{\"workflow\":\"deploy-fleet\",\"rest\":[[{\"instanceId\":\"r1\",\"status\":\"deployed\"}]]}"));
    }

    @Test
    void aConnectorSyncsReportCountsItsExecutionByOutcome() {
        // GIVEN an invocation on this thread, as the Lambda handler begins one
        Invocation invocation = Invocation.begin(Platform.WORKFLOW, "summarize-connector-sync",
                Invocation.Start.now("req-sync", false));
        InvocationSummary summary;
        try {
            // WHEN the sync's report finds the variables on one connection and not on the other
            invoker.invoke(Actions.named("summarize-connector-sync").orElseThrow(), ("{\"expected\":[{\"name\":"
                    + "\"shop\",\"value\":\"acme\"}],\"connections\":[{\"id\":\"c1\",\"name\":\"production\","
                    + "\"variables\":[{\"name\":\"shop\",\"value\":\"acme\"}]},{\"id\":\"c2\",\"name\":\"staging\","
                    + "\"variables\":[]}]}").getBytes(StandardCharsets.UTF_8), Deadline.in(Duration.ofSeconds(10)));

        } finally {
            summary = new Telemetry(false).finish(invocation);
        }

        // THEN its record counts a PARTIAL sync-connector execution
        assertEquals(new WorkflowRun(Workflow.SYNC_CONNECTOR, WorkflowRun.Outcome.PARTIAL, 0, 0, 0),
                summary.workflow());
    }
}
