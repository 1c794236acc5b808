package io.ipaasops.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.functions.lambda.EmfRecords;
import io.ipaasops.functions.lambda.LambdaProcess;
import io.ipaasops.functions.lambda.RuntimeApiStub;
import io.ipaasops.functions.prismatic.DeployInstanceFunction;
import io.ipaasops.functions.versori.UpdateConnectorFunction;
import io.ipaasops.testing.DynamoDbLocal;
import io.ipaasops.testing.LambdaEvents;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.testing.SecretsManagerStub;
import io.ipaasops.testing.VersoriStub;
import io.ipaasops.triggers.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Lambda deployable ({@code ipaas-ops-lambda.jar}, unpacked as Lambda unpacks it into {@code /var/task}) under
 * the real AWS Lambda runtime interface client, in its own JVM, against a Runtime API stub: one Prismatic and one
 * Versori function answer all four trigger shapes, with Prismatic, Versori, Secrets Manager and DynamoDB (Local) at
 * the wire. Assertions are on what the runtime client posted back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaRuntimeIT {

    private static final String WEBHOOK_SECRET = "whsec-e2e-0123456789abcdef";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PrismaticStub prismatic = new PrismaticStub();
    private final VersoriStub versori = new VersoriStub();
    private final SecretsManagerStub secrets = new SecretsManagerStub();
    private final DynamoDbLocal dynamoDb = new DynamoDbLocal();
    private final PrismaticCases.Case deploy = PrismaticCases.ALL.get(0);
    private final VersoriCases.Case update = VersoriCases.ALL.get(2);

    private RuntimeApiStub deployApi;
    private RuntimeApiStub connectorApi;
    private LambdaProcess deployFunction;
    private LambdaProcess connectorFunction;

    @BeforeAll
    void start() throws Exception {
        secrets.stubSecret("ipaas/prismatic", "{\"refreshToken\":\"" + PrismaticStub.REFRESH_TOKEN + "\"}");
        secrets.stubSecret("ipaas/versori", "{\"apiKey\":\"" + VersoriStub.API_KEY + "\",\"organisationId\":\""
                + VersoriStub.ORG + "\"}");
        secrets.stubSecret("ipaas/webhook", "{\"secrets\":[\"" + WEBHOOK_SECRET + "\"]}");
        dynamoDb.createIdempotencyTable("ipaas-idempotency");
        prismatic.stubData(deploy.operation(), deploy.data());
        update.stub(versori);

        deployApi = RuntimeApiStub.start();
        connectorApi = RuntimeApiStub.start();
        deployFunction = launch(DeployInstanceFunction.class, deployApi, "deploy-instance");
        connectorFunction = launch(UpdateConnectorFunction.class, connectorApi, "update-connector");
    }

    private LambdaProcess launch(Class<?> handler, RuntimeApiStub api, String name) throws Exception {
        Path classes = Path.of("target", "lambda", name, "classes.txt").toAbsolutePath();
        Files.deleteIfExists(classes);
        LambdaProcess.Builder builder = LambdaProcess.builder(handler.getName())
                // Which classes the process loads: checked once its calls are done (decision 0025).
                .jvmArgs("-Xlog:class+load:file=" + classes)
                .ricLibs(Path.of(System.getProperty("ipaasops.ric.libs", "target/ric-libs")))
                .deploymentPackage(Path.of(System.getProperty("ipaasops.lambda.jar", "target/ipaas-ops-lambda.jar")),
                        Path.of("target", "lambda", "task"))
                .runtimeApi(api.address())
                .functionName("ipaas-ops-" + name)
                .workDir(Path.of("target", "lambda", name));
        Map.of("PRISMATIC_URL", prismatic.url(), "VERSORI_URL", versori.url(),
                "PRISMATIC_SECRET_ID", "ipaas/prismatic", "VERSORI_SECRET_ID", "ipaas/versori",
                "WEBHOOK_SECRET_ID", "ipaas/webhook", "IDEMPOTENCY_TABLE", "ipaas-idempotency",
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.url(), "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint(),
                "AWS_ACCESS_KEY_ID", "AKIATESTTESTTESTTEST", "AWS_SECRET_ACCESS_KEY", "test-secret-access-key")
                .forEach(builder::env);
        LambdaProcess process = builder.start();
        process.exitCode().thenAccept(code -> api.abort("the " + name + " function exited with " + code
                + "\n" + process.describe()));
        return process;
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {deployFunction, connectorFunction, deployApi, connectorApi,
                prismatic, versori, secrets, dynamoDb}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static Map<String, String> signed(String body) {
        return Map.of("X-Ipaas-Signature", WebhookSignature.timestampedHeader(WEBHOOK_SECRET,
                body.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond()),
                "Idempotency-Key", UUID.randomUUID().toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return Json.read(text, Map.class);
    }

    private void answersEveryTrigger(RuntimeApiStub api, LambdaProcess process, String route, String input,
                                     String expected) throws Exception {
        // Direct invocation: the output itself
        RuntimeApiStub.Invocation direct = api.invoke(input, TIMEOUT);
        assertFalse(direct.error(), () -> direct.body() + "\n" + process.describe());
        assertContains(expected, direct.body());

        // EventBridge: the detail is the input
        RuntimeApiStub.Invocation scheduled = api.invoke(LambdaEvents.eventBridge(UUID.randomUUID().toString(),
                input), TIMEOUT);
        assertFalse(scheduled.error(), scheduled::body);
        assertContains(expected, scheduled.body());

        // API Gateway v2 and v1: a signed webhook, answered with a status code
        Map<String, Object> v2 = json(api.invoke(LambdaEvents.apiGatewayV2(route, input, signed(input), Map.of(),
                false), TIMEOUT).body());
        assertEquals(200, v2.get("statusCode"), v2::toString);
        assertContains(expected, (String) v2.get("body"));
        Map<String, Object> v1 = json(api.invoke(LambdaEvents.apiGatewayV1(route, input, signed(input), true),
                TIMEOUT).body());
        assertEquals(200, v1.get("statusCode"), v1::toString);

        // SQS: a good record and a poisoned one; neither is handed back (the invalid one is logged, not retried)
        String good = UUID.randomUUID().toString();
        RuntimeApiStub.Invocation batch = api.invoke(LambdaEvents.sqs(good, input, "bad", "{\"nope\":1}"), TIMEOUT);
        assertEquals(Map.of("batchItemFailures", List.of()), json(batch.body()));
        assertTrue(process.stderr().contains("SQS message bad failed (validation) and will not be retried"),
                process::describe);
    }

    private static void assertContains(String expected, String actual) {
        Map<?, ?> want = Json.read(expected, Map.class);
        Map<?, ?> got = Json.read(actual, Map.class);
        want.forEach((k, v) -> assertEquals(v, got.get(k), k + " in " + actual));
    }

    @Test
    @Order(1)
    void deployInstanceAnswersEveryTriggerThroughTheRuntimeClient() throws Exception {
        answersEveryTrigger(deployApi, deployFunction, "/prismatic/deploy-instance", deploy.input(),
                "{\"id\":\"SW5zdGFuY2U6MQ==\",\"needsDeploy\":false}");
        // direct, EventBridge, two webhooks and the good SQS record; the poisoned record never reached Prismatic
        assertEquals(5, prismatic.requests(deploy.operation()).size());
    }

    @Test
    @Order(2)
    void updateConnectorAnswersEveryTriggerThroughTheRuntimeClient() throws Exception {
        answersEveryTrigger(connectorApi, connectorFunction, "/versori/update-connector", update.input(),
                "{\"name\":\"Shopify\"}");
        assertEquals(List.of(), versori.violations());
    }

    @Test
    @Order(3)
    void forgedWebhookIsRefusedWith401() throws Exception {
        String body = deploy.input();
        Map<String, String> forged = Map.of("X-Hub-Signature-256", WebhookSignature.githubHeader("guess",
                body.getBytes(StandardCharsets.UTF_8)));
        int before = prismatic.requests(deploy.operation()).size();

        Map<String, Object> response = json(deployApi.invoke(LambdaEvents.apiGatewayV2("/prismatic/deploy-instance",
                body, forged, Map.of(), false), TIMEOUT).body());

        assertEquals(401, response.get("statusCode"));
        assertEquals(before, prismatic.requests(deploy.operation()).size());
    }

    @Test
    @Order(4)
    void redeliveredWebhookRunsOnce() throws Exception {
        Map<String, String> headers = signed(deploy.input());
        int before = prismatic.requests(deploy.operation()).size();
        String event = LambdaEvents.apiGatewayV2("/prismatic/deploy-instance", deploy.input(), headers, Map.of(),
                false);

        String first = deployApi.invoke(event, TIMEOUT).body();
        String second = deployApi.invoke(event, TIMEOUT).body();

        assertEquals(first, second);
        assertEquals(before + 1, prismatic.requests(deploy.operation()).size());
    }

    @Test
    @Order(5)
    void directFailureIsReportedAsATypedLambdaError() throws Exception {
        RuntimeApiStub.Invocation failed = deployApi.invoke("{\"force\":\"yes\"}", TIMEOUT);

        assertTrue(failed.error());
        Map<String, Object> error = json(failed.body());
        assertEquals("io.ipaasops.core.ValidationException", error.get("errorType"));
        assertTrue(((String) error.get("errorMessage")).contains("instanceId: is required"), failed.body());
        assertEquals(List.of(), error.get("stackTrace"));
    }

    @Test
    @Order(7)
    void noAwsSdkServiceClientOrServiceMetadataLoads() throws Exception {
        for (String name : List.of("deploy-instance", "update-connector")) {
            List<String> sdk = Files.readAllLines(Path.of("target", "lambda", name, "classes.txt")).stream()
                    .map(line -> line.substring(line.indexOf("] ") + 2).split(" ")[0])
                    .filter(c -> c.startsWith("software.amazon.awssdk.")).toList();
            // Secrets Manager and DynamoDB go through the SDK's signer (core.AwsJson): no service client, no
            // per-service metadata, no SDK request pipeline; what the signer and credentials need stays small.
            assertEquals(List.of(), sdk.stream().filter(c -> c.contains(".regions.servicemetadata.")
                    || c.contains(".awssdk.services.") || c.contains(".awssdk.core.client.")
                    || c.contains(".awssdk.awscore.client.")).toList(), name);
            assertTrue(sdk.size() <= 250, name + " loaded " + sdk.size() + " AWS SDK classes");
        }
    }

    @Test
    @Order(6)
    void secretsAndTokensWereFetchedOncePerContainer() {
        assertEquals(1, secrets.reads("ipaas/prismatic"));
        assertEquals(1, secrets.reads("ipaas/versori"));
        assertEquals(2, secrets.reads("ipaas/webhook"), "one per function");
        assertEquals(1, prismatic.tokenRequests().size());
        for (LambdaProcess p : List.of(deployFunction, connectorFunction)) {
            // stdout holds the metrics records, stderr the JSON log lines: both are checked
            assertFalse(EmfRecords.all(p).isEmpty(), "metrics records were written");
            String logs = p.stdout() + p.stderr();
            assertFalse(logs.contains(PrismaticStub.REFRESH_TOKEN) || logs.contains(prismatic.accessToken())
                    || logs.contains(VersoriStub.API_KEY) || logs.contains(WEBHOOK_SECRET), "a secret was logged");
        }
    }
}
