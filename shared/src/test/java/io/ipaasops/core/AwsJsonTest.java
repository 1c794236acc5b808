package io.ipaasops.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.FreePort;
import io.ipaasops.testing.RecordingSleeper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** AWS's JSON protocol on the SDK's signer: what is sent, which failures are retried, how errors read. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsJsonTest {

    private static final String TARGET = "DynamoDB_20120810.GetItem";

    private final WireMockServer server = new WireMockServer(options().port(FreePort.find()));
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private ApplicationContext context;
    private AwsJson dynamoDb;

    @BeforeAll
    void start() {
        AwsTestEnvironment.configure();
        server.start();
        context = ApplicationContext.run();
        dynamoDb = new AwsJson("dynamodb", "1.0", () -> URI.create(server.baseUrl() + "/"), new AwsEnvironment(
                name -> null), context.getBean(JsonMapper.class), sleeper);
    }

    @AfterAll
    void stop() {
        server.stop();
        context.close();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        sleeper.clear();
    }

    private void answer(String state, String next, int status, String body, String crc) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody(body);
        if (crc != null) {
            response.withHeader("x-amz-crc32", crc);
        }
        server.stubFor(post(urlEqualTo("/")).inScenario("calls").whenScenarioStateIs(state)
                .willReturn(response).willSetStateTo(next));
    }

    private static String crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes());
        return Long.toString(crc.getValue());
    }

    @Test
    void signsWithSigV4ForTheServiceAndRegionAndSendsTheTarget() {
        answer(Scenario.STARTED, "done", 200, "{\"Item\":{}}", crc("{\"Item\":{}}"));

        assertFalse(dynamoDb.call(TARGET, Map.of("TableName", "t")).get("Item") == null);

        server.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(TARGET))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.0"))
                .withHeader("Authorization", matching("AWS4-HMAC-SHA256 Credential=AKIATESTTESTTESTTEST/\\d{8}/"
                        + AwsTestEnvironment.REGION + "/dynamodb/aws4_request, SignedHeaders=.*x-amz-target.*"))
                .withRequestBody(equalTo("{\"TableName\":\"t\"}")));
    }

    @Test
    void serverFailuresThrottlingAndCorruptAnswersAreRetriedLikeTheSdk() {
        answer(Scenario.STARTED, "second", 500, "{\"__type\":\"InternalServerError\"}", null);
        answer("second", "third", 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + "ProvisionedThroughputExceededException\",\"message\":\"slow down\"}", null);
        answer("third", "fourth", 200, "{}", "12345");
        answer("fourth", "done", 200, "{}", crc("{}"));

        AwsCallException e = assertThrows(AwsCallException.class, () -> dynamoDb.call(TARGET, Map.of()));
        assertEquals("Crc32Mismatch", e.code(), "three attempts, the last one corrupt");
        assertEquals(AwsJson.MAX_ATTEMPTS, server.getAllServeEvents().size());
        assertEquals(2, sleeper.waits().size());

        assertEquals(0, dynamoDb.call(TARGET, Map.of()).size(), "the fourth answer is good");
    }

    @Test
    void aClientErrorIsNotRetriedAndReadsItsCodeWithoutNamespace() {
        answer(Scenario.STARTED, "done", 400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
                + "ConditionalCheckFailedException\",\"message\":\"The conditional request failed\"}", null);

        AwsCallException e = assertThrows(AwsCallException.class, () -> dynamoDb.call(TARGET, Map.of()));

        assertEquals(400, e.status());
        assertEquals("ConditionalCheckFailedException", e.code());
        assertEquals(1, server.getAllServeEvents().size());
    }

    @Test
    void anUnreachableServiceIsReportedAsNoAnswer() {
        AwsJson nowhere = new AwsJson("dynamodb", "1.0", () -> URI.create("http://127.0.0.1:" + FreePort.find()
                + "/"), new AwsEnvironment(name -> null), context.getBean(JsonMapper.class), sleeper);

        AwsCallException e = assertThrows(AwsCallException.class, () -> nowhere.call(TARGET, Map.of()));

        assertFalse(e.answered());
        assertEquals(2, sleeper.waits().size());
    }
}
