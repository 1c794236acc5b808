package io.ipaasops.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.ipaasops.functions.lambda.EmfRecords.BY_ACTION;
import static io.ipaasops.functions.lambda.EmfRecords.BY_ERROR;
import static io.ipaasops.functions.lambda.EmfRecords.BY_WORKFLOW;
import static io.ipaasops.functions.lambda.EmfRecords.number;
import static io.ipaasops.testing.PrismaticStub.json;
import static io.ipaasops.testing.PrismaticStub.operation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.functions.lambda.EmfRecords;
import io.ipaasops.functions.lambda.LambdaProcess;
import io.ipaasops.functions.lambda.RuntimeApiStub;
import io.ipaasops.functions.prismatic.DeployInstanceFunction;
import io.ipaasops.functions.workflow.SummarizeRolloutFunction;
import io.ipaasops.testing.LambdaEvents;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.testing.SecretsManagerStub;
import io.ipaasops.triggers.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What an operator reads from a deployed function: under the real Lambda runtime client, the Lambda jar writes
 * exactly one Embedded Metric Format record per invocation on stdout (CloudWatch turns it into the metrics of the
 * dashboard) and correlated JSON log lines on stderr, for a success and for each error type, with nothing secret.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaMetricsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String WEBHOOK_SECRET = "whsec-metrics-0123456789abcdef";
    private static final String DEPLOYED = "{\"deployInstance\":{\"instance\":{\"id\":\"SW5zdGFuY2U6MQ==\","
            + "\"name\":\"Acme\",\"enabled\":true,\"needsDeploy\":false},\"errors\":[]}}";
    private static final String INPUT = "{\"instanceId\":\"SW5zdGFuY2U6MQ==\"}";

    private final PrismaticStub prismatic = new PrismaticStub();
    private final SecretsManagerStub secrets = new SecretsManagerStub();
    private RuntimeApiStub deployApi;
    private RuntimeApiStub summaryApi;
    private LambdaProcess deploy;
    private LambdaProcess summary;

    @BeforeAll
    void start() throws Exception {
        secrets.stubSecret("ipaas/prismatic", "{\"refreshToken\":\"" + PrismaticStub.REFRESH_TOKEN + "\"}");
        secrets.stubSecret("ipaas/webhook", "{\"secrets\":[\"" + WEBHOOK_SECRET + "\"]}");
        prismatic.stubData("deployInstance", DEPLOYED);
        deployApi = RuntimeApiStub.start();
        summaryApi = RuntimeApiStub.start();
        deploy = launch(DeployInstanceFunction.class, deployApi, "metrics-deploy-instance");
        summary = launch(SummarizeRolloutFunction.class, summaryApi, "metrics-summarize-rollout");
    }

    private LambdaProcess launch(Class<?> handler, RuntimeApiStub api, String name) throws Exception {
        LambdaProcess.Builder builder = LambdaProcess.builder(handler.getName())
                .ricLibs(Path.of(System.getProperty("ipaasops.ric.libs", "target/ric-libs")))
                .deploymentPackage(Path.of(System.getProperty("ipaasops.lambda.jar", "target/ipaas-ops-lambda.jar")),
                        Path.of("target", "lambda", "task"))
                .runtimeApi(api.address())
                .functionName("ipaas-ops-" + name)
                .workDir(Path.of("target", "lambda", name));
        Map.of("PRISMATIC_URL", prismatic.url(), "PRISMATIC_SECRET_ID", "ipaas/prismatic",
                "WEBHOOK_SECRET_ID", "ipaas/webhook", "AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.url(),
                "AWS_ACCESS_KEY_ID", "AKIATESTTESTTESTTEST", "AWS_SECRET_ACCESS_KEY", "test-secret-access-key")
                .forEach(builder::env);
        LambdaProcess process = builder.start();
        process.exitCode().thenAccept(code -> api.abort("the " + name + " function exited with " + code
                + "\n" + process.describe()));
        return process;
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {deploy, summary, deployApi, summaryApi, prismatic, secrets}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private RuntimeApiStub.Invocation invoke(String event) throws Exception {
        return deployApi.invoke(event, TIMEOUT);
    }

    /** The record of {@code invocation}, checked for the two directives every invocation and every failure has. */
    private Map<String, Object> record(RuntimeApiStub.Invocation invocation, String errorType) {
        Map<String, Object> record = EmfRecords.of(deploy, invocation.requestId());
        Map<List<List<String>>, Map<String, String>> directives = EmfRecords.directives(record);
        assertEquals(EmfRecords.INVOCATION_METRICS, directives.get(BY_ACTION), record::toString);
        assertEquals(errorType == null ? List.of(BY_ACTION) : List.of(BY_ACTION, BY_ERROR),
                List.copyOf(directives.keySet()), record::toString);
        if (errorType != null) {
            assertEquals(Map.of("Errors", "Count"), directives.get(BY_ERROR));
            assertEquals(errorType, record.get("ErrorType"));
        } else {
            assertFalse(record.containsKey("ErrorType"), record::toString);
        }
        assertEquals("prismatic", record.get("Platform"));
        assertEquals("deploy-instance", record.get("Action"));
        assertEquals(1L, number(record, "Invocations"));
        assertEquals(errorType == null ? 0L : 1L, number(record, "Errors"));
        assertEquals(errorType == null ? "ok" : errorType, record.get("outcome"));
        assertTrue(((Number) record.get("Duration")).doubleValue() > 0, record::toString);
        assertEquals(invocation.traceHeader().split(";")[0].substring("Root=".length()), record.get("traceId"));
        return record;
    }

    private static Map<String, Long> counts(Map<String, Object> record) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String metric : List.of("UpstreamCalls", "Retries", "TokenExchanges", "SecretReads", "ColdStart",
                "Throttled")) {
            counts.put(metric, number(record, metric));
        }
        return counts;
    }

    private static Map<String, Long> counts(long upstreamCalls, long retries, long tokenExchanges, long secretReads,
                                            long coldStart, long throttled) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("UpstreamCalls", upstreamCalls);
        counts.put("Retries", retries);
        counts.put("TokenExchanges", tokenExchanges);
        counts.put("SecretReads", secretReads);
        counts.put("ColdStart", coldStart);
        counts.put("Throttled", throttled);
        return counts;
    }

    @Test
    @Order(1)
    void theFirstInvocationIsAColdStartThatReadsTheSecretAndExchangesTheToken() throws Exception {
        // WHEN the fresh function is invoked twice
        RuntimeApiStub.Invocation first = invoke(INPUT);
        RuntimeApiStub.Invocation second = invoke(INPUT);

        // THEN the first record counts a cold start, one secret read and one token exchange; the second none
        assertFalse(first.error(), first::body);
        Map<String, Object> cold = record(first, null);
        Map<String, Object> warm = record(second, null);
        assertEquals(counts(2, 0, 1, 1, 1, 0), counts(cold));
        assertEquals(counts(1, 0, 0, 0, 0, 0), counts(warm));
        assertTrue(number(cold, "UpstreamTime") <= number(cold, "Duration"), cold::toString);
        assertEquals("direct", cold.get("trigger"));
        assertFalse(cold.containsKey("deliveryKey"), "a direct invocation has no delivery key");
        // AND the trace header went on to Prismatic with the call
        assertEquals(second.traceHeader(), prismatic.requests("deployInstance").get(1).getHeader("X-Amzn-Trace-Id"));
    }

    @Test
    @Order(2)
    void aRateLimitThatPassesIsOneRetryAndNoThrottle() throws Exception {
        // GIVEN Prismatic asks to slow down once
        prismatic.server().stubFor(operation("deployInstance").inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(json(429, "{\"errors\":[{\"message\":\"slow down\"}]}").withHeader("Retry-After", "0"))
                .willSetStateTo("ok"));
        prismatic.server().stubFor(operation("deployInstance").inScenario("slow").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"data\":" + DEPLOYED + "}")));

        // WHEN the function is invoked
        RuntimeApiStub.Invocation invocation = invoke(INPUT);

        // THEN it succeeded after one retry, and nothing counts as throttled
        assertFalse(invocation.error(), invocation::body);
        assertEquals(counts(2, 1, 0, 0, 0, 0), counts(record(invocation, null)));
        prismatic.reset();
        prismatic.stubData("deployInstance", DEPLOYED);
    }

    static Stream<Arguments> failures() {
        Consumer<PrismaticStub> none = stub -> { };
        return Stream.of(
                Arguments.of("validation", "{\"force\":\"yes\"}", none, counts(0, 0, 0, 0, 0, 0)),
                Arguments.of("not_found", INPUT, answer(json(200,
                        "{\"data\":null,\"errors\":[{\"message\":\"Instance does not exist\"}]}")),
                        counts(1, 0, 0, 0, 0, 0)),
                Arguments.of("unauthorized", INPUT, answer(json(401, "{\"errors\":[{\"message\":\"Unauthorized\"}]}")),
                        counts(3, 0, 1, 0, 0, 0)),
                Arguments.of("conflict", INPUT, (Consumer<PrismaticStub>) stub -> stub.stubData("deployInstance",
                        "{\"deployInstance\":{\"instance\":null,\"errors\":[{\"field\":\"__all__\",\"messages\":"
                                + "[\"Instance has no configuration.\"]}]}}"), counts(1, 0, 0, 0, 0, 0)),
                Arguments.of("transient", INPUT, answer(json(429, "{\"errors\":[{\"message\":\"slow down\"}]}")
                        .withHeader("Retry-After", "120")), counts(1, 0, 0, 0, 0, 1)),
                Arguments.of("upstream", INPUT, answer(json(200,
                        "{\"data\":null,\"errors\":[{\"message\":\"Boom\"}]}")), counts(1, 0, 0, 0, 0, 0)),
                Arguments.of("indeterminate", INPUT, (Consumer<PrismaticStub>) stub -> {
                    stub.stub("deployInstance", aResponse().withStatus(504));
                    stub.stub("instance", aResponse().withStatus(500));
                }, counts(2, 0, 0, 0, 0, 0)));
    }

    private static Consumer<PrismaticStub> answer(ResponseDefinitionBuilder response) {
        return stub -> stub.stub("deployInstance", response);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    @Order(3)
    void eachErrorTypeIsCountedByPlatformAndType(String type, String input, Consumer<PrismaticStub> platform,
                                                 Map<String, Long> expected) throws Exception {
        // GIVEN Prismatic answers as it does for this error
        prismatic.reset();
        platform.accept(prismatic);

        // WHEN the function is invoked directly
        RuntimeApiStub.Invocation invocation = invoke(input);

        // THEN Lambda reports the failure, and the record counts it under its type
        assertTrue(invocation.error(), invocation::body);
        assertEquals(expected, counts(record(invocation, type)));
        // AND the summary log line says the same, with the correlation fields
        Map<String, Object> line = summaryLine(invocation);
        assertEquals(type, line.get("outcome"));
        assertEquals(type, line.get("errorType"));
        assertEquals("WARN", line.get("level"));
    }

    private Map<String, Object> summaryLine(RuntimeApiStub.Invocation invocation) {
        List<Map<String, Object>> summaries = EmfRecords.logLines(deploy, invocation.requestId()).stream()
                .filter(l -> "invocation".equals(l.get("message"))).toList();
        assertEquals(1, summaries.size(), deploy::describe);
        return summaries.get(0);
    }

    @Test
    @Order(4)
    void everyLogLineOfAWebhookCarriesItsRequestActionTriggerAndDeliveryKey() throws Exception {
        // GIVEN a signed webhook with a delivery key, which Prismatic asks to retry once
        prismatic.reset();
        prismatic.server().stubFor(operation("deployInstance").inScenario("slow").whenScenarioStateIs(STARTED)
                .willReturn(json(429, "{}").withHeader("Retry-After", "0")).willSetStateTo("ok"));
        prismatic.server().stubFor(operation("deployInstance").inScenario("slow").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"data\":" + DEPLOYED + "}")));
        String key = "delivery-" + System.nanoTime();

        // WHEN it arrives through an HTTP API
        RuntimeApiStub.Invocation invocation = invoke(LambdaEvents.apiGatewayV2("/prismatic/deploy-instance", INPUT,
                signed(INPUT, key), Map.of(), false));

        // THEN the record names the trigger and the key, and counts the webhook secret's read
        Map<String, Object> record = record(invocation, null);
        assertEquals("http-api", record.get("trigger"));
        assertEquals(key, record.get("deliveryKey"));
        assertEquals(1L, number(record, "SecretReads"));
        // AND each of its log lines (the retry's and the summary) is JSON with the correlation fields
        List<Map<String, Object>> lines = EmfRecords.logLines(deploy, invocation.requestId());
        assertTrue(lines.size() >= 2, deploy::describe);
        for (Map<String, Object> line : lines) {
            for (String field : List.of("timestamp", "level", "logger", "message")) {
                assertTrue(line.get(field) instanceof String, field + " in " + line);
            }
            assertEquals("deploy-instance", line.get("action"), line::toString);
            assertEquals("prismatic", line.get("platform"), line::toString);
            assertEquals("http-api", line.get("trigger"), line::toString);
            assertEquals(key, line.get("deliveryKey"), line::toString);
            assertEquals(record.get("traceId"), line.get("traceId"), line::toString);
        }
        Map<String, Object> summaryLine = summaryLine(invocation);
        assertEquals("ok", summaryLine.get("outcome"));
        assertNull(summaryLine.get("errorType"));
        assertEquals(2L, ((Number) summaryLine.get("upstreamCalls")).longValue());
        assertTrue(summaryLine.get("durationMs") instanceof Number && summaryLine.get("upstreamMs") instanceof Number);
    }

    @Test
    @Order(5)
    void anSqsBatchIsOneInvocationThatFailedIfAnyRecordDid() throws Exception {
        prismatic.reset();
        prismatic.stubData("deployInstance", DEPLOYED);

        RuntimeApiStub.Invocation batch = invoke(LambdaEvents.sqs("good-1", INPUT, "bad-2", "{\"nope\":1}"));

        Map<String, Object> record = record(batch, "validation");
        assertEquals("sqs", record.get("trigger"));
        assertEquals(2L, number(record, "records"));
        assertEquals(1L, number(record, "recordsFailed"));
        assertFalse(record.containsKey("deliveryKey"), "a batch of two has no single key");
        // the poisoned record's log line carries its own message id
        assertTrue(EmfRecords.logLines(deploy, batch.requestId()).stream().anyMatch(l -> "bad-2".equals(
                l.get("deliveryKey")) && "ERROR".equals(l.get("level"))), deploy::describe);
    }

    @Test
    @Order(6)
    void aWorkflowsFinalReportCountsTheExecutionByOutcome() throws Exception {
        // WHEN the summary step of a release reports one instance deployed, one failed and a failed test flow
        RuntimeApiStub.Invocation report = summaryApi.invoke("{\"workflowStep\":{\"execution\":\"release-abc\","
                + "\"input\":{\"workflow\":\"release\",\"canary\":[{\"instanceId\":\"c1\",\"status\":\"deployed\"}],"
                + "\"rest\":[[{\"instanceId\":\"r1\",\"status\":\"failed\"}]],"
                + "\"testFlows\":[{\"flowId\":\"f1\",\"execution\":{\"id\":\"e1\",\"status\":\"ERROR\"}}]}}}", TIMEOUT);

        // THEN its record has the workflow directive, and names the execution
        assertFalse(report.error(), report::body);
        Map<String, Object> record = EmfRecords.of(summary, report.requestId());
        assertEquals(List.of(BY_ACTION, BY_WORKFLOW), List.copyOf(EmfRecords.directives(record).keySet()));
        assertEquals(EmfRecords.WORKFLOW_METRICS, EmfRecords.directives(record).get(BY_WORKFLOW));
        assertEquals("workflow", record.get("Platform"));
        assertEquals("summarize-rollout", record.get("Action"));
        assertEquals("release", record.get("Workflow"));
        assertEquals("PARTIAL", record.get("Outcome"));
        assertEquals(List.of(1L, 1L, 1L, 1L), Stream.of("WorkflowExecutions", "InstancesRolledOut", "InstancesFailed",
                "TestFlowsFailed").map(m -> number(record, m)).toList());
        assertEquals("release-abc", record.get("execution"));
        assertEquals("workflow-step", record.get("trigger"));
        assertEquals(1L, number(record, "ColdStart"));

        // AND a report that is no execution's last (the canary's verdict) counts no execution; a keyed step's
        // execution is its key's first segment
        RuntimeApiStub.Invocation verdict = summaryApi.invoke("{\"workflowStep\":{\"key\":\"release-abc/verdict\","
                + "\"input\":{\"canary\":[{\"instanceId\":\"c1\",\"status\":\"deployed\"}]}}}", TIMEOUT);
        Map<String, Object> verdictRecord = EmfRecords.of(summary, verdict.requestId());
        assertEquals(List.of(BY_ACTION), List.copyOf(EmfRecords.directives(verdictRecord).keySet()));
        assertEquals("release-abc", verdictRecord.get("execution"));
        assertEquals("release-abc/verdict", verdictRecord.get("deliveryKey"));
        assertEquals(0L, number(verdictRecord, "ColdStart"));
    }

    @Test
    @Order(7)
    void secretsInInputHeadersAndPlatformAnswersNeverReachARecordOrALogLine() throws Exception {
        // GIVEN Prismatic echoes the tokens in its errors, and callers put secrets in their input and headers
        prismatic.reset();
        prismatic.stub("deployInstance", json(200, "{\"data\":null,\"errors\":[{\"message\":\"bad token "
                + prismatic.accessToken() + " for " + PrismaticStub.REFRESH_TOKEN + "\"}]}"));
        String secretInput = "{\"instanceId\":\"" + PrismaticStub.REFRESH_TOKEN + "\"}";

        // WHEN the function runs them directly, as a webhook keyed by a secret, and as an SQS record
        invoke(secretInput);
        invoke(LambdaEvents.apiGatewayV2("/prismatic/deploy-instance", secretInput, signed(secretInput,
                prismatic.accessToken()), Map.of(), false));
        invoke(LambdaEvents.sqs(WEBHOOK_SECRET, secretInput));

        // THEN no secret appears in what the function wrote: records, log lines, anything else
        String written = deploy.stdout() + deploy.stderr();
        assertTrue(written.contains("\"deliveryKey\":\"***\""), "the secret key is masked where it would be");
        for (String secret : List.of(PrismaticStub.REFRESH_TOKEN, prismatic.accessToken(), WEBHOOK_SECRET)) {
            assertFalse(written.contains(secret), "a secret was written: " + secret.substring(0, 6) + "…");
        }
    }

    @Test
    @Order(8)
    void everyLineOnStderrIsJsonAndEveryInvocationHasExactlyOneRecord() {
        List<String> stderr = deploy.stderr().lines().filter(l -> !l.isBlank()).toList();
        assertFalse(stderr.isEmpty());
        for (String line : stderr) {
            assertTrue(line.startsWith("{") && Json.read(line, Map.class).containsKey("level"), line);
        }
        long summaries = stderr.stream().filter(l -> l.contains("\"message\":\"invocation\"")).count();
        assertEquals(summaries, EmfRecords.all(deploy).size(), "one record per summary line");
    }

    private static Map<String, String> signed(String body, String key) {
        return Map.of("X-Ipaas-Signature", WebhookSignature.timestampedHeader(WEBHOOK_SECRET,
                body.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond()), "Idempotency-Key", key);
    }
}
