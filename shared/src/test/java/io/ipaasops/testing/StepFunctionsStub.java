package io.ipaasops.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * AWS Step Functions at the wire: {@code POST /} with {@code X-Amz-Target: AWSStepFunctions.StartExecution} and
 * the AWS JSON 1.0 protocol, so the real SDK client runs unchanged against it.
 */
public final class StepFunctionsStub implements AutoCloseable {

    /** The release state machine tests configure. */
    public static final String RELEASE = "arn:aws:states:eu-west-1:123456789012:stateMachine:ipaas-release";
    /** The sync-connector state machine tests configure. */
    public static final String SYNC_CONNECTOR =
            "arn:aws:states:eu-west-1:123456789012:stateMachine:ipaas-sync-connector";

    private static final String TARGET = "AWSStepFunctions.StartExecution";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    /** One StartExecution request: the state machine, the execution name and the input (parsed). */
    public record Start(String stateMachineArn, String name, Object input) {
    }

    private final WireMockServer server = new WireMockServer(options().port(FreePort.find()));

    /** Starts the stub; every StartExecution of either state machine starts an execution, now. */
    public StepFunctionsStub() {
        server.start();
        reset();
    }

    /** The endpoint to configure as {@code ipaas.sfn.endpoint}. */
    public String url() {
        return server.baseUrl();
    }

    /** The underlying server. */
    public WireMockServer server() {
        return server;
    }

    /** The properties that point the workflows at this stub. */
    public Map<String, String> properties() {
        return Map.of("ipaas.sfn.endpoint", url(), "ipaas.workflows.release-arn", RELEASE,
                "ipaas.workflows.sync-connector-arn", SYNC_CONNECTOR);
    }

    /** Forgets requests and stubs; StartExecution starts executions again. */
    public void reset() {
        server.resetAll();
        for (String stateMachine : List.of(RELEASE, SYNC_CONNECTOR)) {
            answer(stateMachine, null, Instant.now());
        }
    }

    /** The ARN Step Functions gives execution {@code name} of {@code stateMachine}. */
    public static String executionArn(String stateMachine, String name) {
        return stateMachine.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    /** StartExecution of {@code name} answers an execution that started at {@code startDate} (a running one). */
    public void running(String stateMachine, String name, Instant startDate) {
        answer(stateMachine, name, startDate);
    }

    /** StartExecution of {@code name} fails as Step Functions refuses a name already used. */
    public void alreadyExists(String stateMachine, String name) {
        server.stubFor(start(stateMachine).withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", CONTENT_TYPE)
                        .withBody("{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists: '"
                                + executionArn(stateMachine, name) + "'\"}")));
    }

    /** Every StartExecution fails with the AWS error {@code type} and {@code status}. */
    public void failing(int status, String type) {
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET)).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", CONTENT_TYPE)
                        .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + type + "\"}")));
    }

    /** The StartExecution requests received, oldest first. */
    @SuppressWarnings("unchecked")
    public List<Start> starts() {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                        .withHeader("Content-Type", equalTo(CONTENT_TYPE))).stream()
                .map(r -> Json.read(r.getBodyAsString(), Map.class))
                .map(b -> new Start((String) b.get("stateMachineArn"), (String) b.get("name"),
                        b.get("input") == null ? null : Json.read((String) b.get("input"), Object.class)))
                .toList();
    }

    private static MappingBuilder start(String stateMachine) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(matchingJsonPath("$.stateMachineArn", equalTo(stateMachine)));
    }

    private void answer(String stateMachine, String name, Instant startDate) {
        MappingBuilder mapping = start(stateMachine);
        if (name != null) {
            mapping = mapping.withRequestBody(matchingJsonPath("$.name", equalTo(name)));
        }
        // The answer names the execution the request asked for, as Step Functions does.
        server.stubFor(mapping.willReturn(aResponse().withStatus(200).withHeader("Content-Type", CONTENT_TYPE)
                .withBody("{\"executionArn\":\"" + stateMachine.replace(":stateMachine:", ":execution:")
                        + ":{{jsonPath request.body '$.name'}}\",\"startDate\":" + startDate.getEpochSecond() + "}")
                .withTransformers("response-template")));
    }

    @Override
    public void close() {
        server.stop();
    }
}
