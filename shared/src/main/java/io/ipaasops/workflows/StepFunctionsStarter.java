package io.ipaasops.workflows;

import io.ipaasops.core.AwsClients;
import io.ipaasops.core.TransientException;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * The {@link WorkflowStarter} on AWS: starts Step Functions executions under names derived from the delivery, so that
 * starting one twice (a webhook redelivered, an SQS message received again) never runs a workflow twice.
 *
 * <p>Execution names are unique per state machine for 90 days. A second start under a name whose execution is
 * still running with the same input answers that execution; otherwise Step Functions refuses it with
 * {@code ExecutionAlreadyExists}, and the execution's ARN, which the state machine's ARN and the name determine,
 * is the answer. The client is created on first use ({@code ipaas.sfn.endpoint} overrides its endpoint).</p>
 */
@Singleton
public final class StepFunctionsStarter implements WorkflowStarter {

    /** An answered execution that started this long before we asked was started by an earlier delivery. */
    static final Duration EARLIER = Duration.ofSeconds(5);

    private final WorkflowsConfig config;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Supplier<SfnClient> client;

    /** Creates the starter; {@code endpoint} may be null. */
    public StepFunctionsStarter(WorkflowsConfig config, JsonMapper mapper, Clock clock,
                           @Nullable @Property(name = "ipaas.sfn.endpoint") String endpoint) {
        this.config = config;
        this.mapper = mapper;
        this.clock = clock;
        this.client = AwsClients.lazy(SfnClient::builder, endpoint);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the workflow's state machine is not configured
     * @throws TransientException    when Step Functions cannot be reached or refuses; with the same name, a retry
     *                               cannot start a second execution
     */
    @Override
    public StartedExecution start(Workflow workflow, String name, Object input) {
        String stateMachine = config.stateMachineArn(workflow);
        if (stateMachine == null) {
            throw new IllegalStateException("a push matched a " + workflow + " watch, but no state machine is"
                    + " configured: set " + workflow.configuredBy());
        }
        Instant asked = clock.instant();
        try {
            StartExecutionResponse response = client.get().startExecution(r -> r.stateMachineArn(stateMachine)
                    .name(name).input(json(input)));
            boolean earlier = response.startDate() != null && response.startDate().isBefore(asked.minus(EARLIER));
            return new StartedExecution(workflow, response.executionArn(), name, earlier);
        } catch (ExecutionAlreadyExistsException e) {
            return new StartedExecution(workflow, executionArn(stateMachine, name), name, true);
        } catch (SfnException e) {
            String code = e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
            throw new TransientException("Step Functions did not start " + workflow + " execution " + name + " ("
                    + code + ")", List.of(), e);
        } catch (SdkException e) {
            throw new TransientException("cannot reach Step Functions to start " + workflow + " execution " + name,
                    List.of(), e);
        }
    }

    /**
     * The ARN of execution {@code name} of {@code stateMachine}: {@code arn:<partition>:states:<region>:<account>:
     * execution:<state machine name>:<name>}.
     */
    static String executionArn(String stateMachine, String name) {
        String[] parts = stateMachine.split(":");
        if (parts.length < 7 || !parts[2].equals("states") || !parts[5].equals("stateMachine")) {
            throw new IllegalStateException("not a state machine ARN: " + stateMachine);
        }
        return String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "execution", parts[6], name);
    }

    private String json(Object input) {
        try {
            return new String(mapper.writeValueAsBytes(input), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode an execution input", e);
        }
    }
}
