package io.ipaasops.workflows;

import static io.ipaasops.testing.StepFunctionsStub.RELEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.core.TransientException;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.StepFunctionsStub;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Starting executions on the wire (the real SDK client against a Step Functions stub), once per name. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkflowStarterTest implements TestPropertyProvider {

    private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    private final StepFunctionsStub sfn = new StepFunctionsStub();

    @Inject
    WorkflowStarter starter;

    @Override
    public Map<String, String> getProperties() {
        AwsTestEnvironment.configure();
        return sfn.properties();
    }

    @BeforeEach
    void reset() {
        sfn.reset();
    }

    @AfterAll
    void stop() {
        sfn.close();
    }

    @Test
    void startsTheExecutionWithTheExactNameAndInput() {
        StartedExecution started = starter.start(Workflow.RELEASE, "release-" + DELIVERY,
                Map.of("integrationId", "SW50ZWdyYXRpb246MQ=="));

        assertEquals(new StartedExecution(Workflow.RELEASE, StepFunctionsStub.executionArn(RELEASE,
                "release-" + DELIVERY), "release-" + DELIVERY, false), started);
        assertEquals(List.of(new StepFunctionsStub.Start(RELEASE, "release-" + DELIVERY,
                Map.of("integrationId", "SW50ZWdyYXRpb246MQ=="))), sfn.starts());
    }

    @Test
    void aNameAlreadyUsedAnswersItsExecutionAsAlreadyStarted() {
        sfn.alreadyExists(RELEASE, "release-" + DELIVERY);

        StartedExecution started = starter.start(Workflow.RELEASE, "release-" + DELIVERY, Map.of());

        assertEquals(new StartedExecution(Workflow.RELEASE,
                "arn:aws:states:eu-west-1:123456789012:execution:ipaas-release:release-" + DELIVERY,
                "release-" + DELIVERY, true), started);
    }

    @Test
    void anExecutionStillRunningUnderTheNameIsAlreadyStartedToo() {
        // Step Functions answers a repeat of a running execution's name and input with that execution.
        sfn.running(RELEASE, "release-" + DELIVERY, Instant.now().minus(Duration.ofMinutes(3)));

        assertTrue(starter.start(Workflow.RELEASE, "release-" + DELIVERY, Map.of()).alreadyStarted());
    }

    @Test
    void aStepFunctionsFailureIsTransientNamingTheExecution() {
        sfn.failing(400, "StateMachineDoesNotExist");

        TransientException e = assertThrows(TransientException.class,
                () -> starter.start(Workflow.RELEASE, "release-" + DELIVERY, Map.of()));

        assertTrue(e.getMessage().contains("StateMachineDoesNotExist") && e.getMessage().contains(DELIVERY),
                e.getMessage());
    }

    @Test
    void aWorkflowWithoutAStateMachineNamesTheVariableToSet() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("ipaas.sfn.endpoint", sfn.url()))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> context
                    .getBean(WorkflowStarter.class).start(Workflow.SYNC_CONNECTOR, "sync-connector-x", Map.of()));

            assertTrue(e.getMessage().contains("SYNC_CONNECTOR_STATE_MACHINE_ARN"), e.getMessage());
        }
        assertEquals(List.of(), sfn.starts());
    }

    @Test
    void executionNamesAreStableShortAndOfTheCharactersStepFunctionsTakes() {
        String name = WorkflowStarter.executionName(Workflow.RELEASE, DELIVERY, "SW50ZWdyYXRpb246MQ==\na.yaml");
        String again = WorkflowStarter.executionName(Workflow.RELEASE, DELIVERY, "SW50ZWdyYXRpb246MQ==\na.yaml");
        String other = WorkflowStarter.executionName(Workflow.RELEASE, DELIVERY, "SW50ZWdyYXRpb246Mg==\na.yaml");
        String longKey = WorkflowStarter.executionName(Workflow.SYNC_CONNECTOR, "k/ey ".repeat(40), "c");

        assertEquals(name, again);
        assertNotEquals(name, other);
        assertTrue(name.startsWith("release-" + DELIVERY + "-"), name);
        assertEquals(80, longKey.length());
        for (String n : List.of(name, other, longKey)) {
            assertTrue(n.matches("[A-Za-z0-9_-]{1,80}"), n);
        }
        assertFalse(longKey.contains("/"));
    }

    @Test
    void theExecutionArnFollowsFromTheStateMachinesArnAndTheName() {
        assertEquals("arn:aws-cn:states:cn-north-1:123456789012:execution:release:n",
                StepFunctionsStarter.executionArn("arn:aws-cn:states:cn-north-1:123456789012:stateMachine:release", "n"));
        assertThrows(IllegalStateException.class, () -> StepFunctionsStarter.executionArn("arn:aws:sqs:x", "n"));
    }
}
