package io.ipaasops.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.RecordingSleeper;
import io.ipaasops.testing.S3Stub;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** S3's object calls on the SDK's signer: the URL, the signature, the retries and what each error becomes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsS3Test {

    private static final String BUCKET = "ipaas-ops-workflow-data";

    private final S3Stub s3 = new S3Stub();
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private AwsS3 client;

    @BeforeAll
    void start() {
        AwsTestEnvironment.configure();
        client = new AwsS3(new AwsEnvironment(name -> null), s3.url(), true, sleeper);
    }

    @AfterAll
    void stop() {
        s3.close();
    }

    @BeforeEach
    void reset() {
        s3.reset();
        sleeper.clear();
    }

    @Test
    void anObjectIsPutAndReadPathStyleUnderTheEndpointSignedForS3WithThePayloadHash() throws Exception {
        S3Location object = new S3Location(BUCKET, "release/rel-1/targets.json");
        byte[] body = "[{\"id\":\"i1\"}]".getBytes(StandardCharsets.UTF_8);

        client.put(object, body, "application/json");
        byte[] read = client.get(object);

        assertArrayEquals(body, read);
        LoggedRequest put = s3.requests("PUT", BUCKET, "release/rel-1/targets.json").get(0);
        assertEquals("/" + BUCKET + "/release/rel-1/targets.json", put.getUrl());
        assertTrue(put.getHeader("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIATESTTESTTESTTEST/"),
                put.getHeader("Authorization"));
        assertTrue(put.getHeader("Authorization").contains("/" + AwsTestEnvironment.REGION + "/s3/aws4_request"));
        assertTrue(put.getHeader("Authorization").contains("x-amz-content-sha256"), "the payload hash is signed");
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)),
                put.getHeader("x-amz-content-sha256"));
        assertEquals("application/json", put.getHeader("Content-Type"));
        assertEquals(1, s3.requests("GET", BUCKET, "release/rel-1/targets.json").size());
    }

    @Test
    void aKeyIsPercentEncodedOnceAndOnAwsTheUrlIsVirtualHosted() {
        AwsS3 onAws = new AwsS3(new AwsEnvironment(name -> null), null, true, sleeper);

        assertEquals("https://" + BUCKET + ".s3.eu-west-1.amazonaws.com/a%20b/%C3%A9t%C3%A9.json",
                onAws.url(BUCKET, "a b/été.json", null).toString());
        assertEquals("https://" + BUCKET + ".s3.eu-west-1.amazonaws.com/?list-type=2&prefix=a%2F",
                onAws.url(BUCKET, "", "list-type=2&prefix=a%2F").toString());
        assertEquals(s3.url() + "/" + BUCKET + "/a%20b/%C3%A9t%C3%A9.json",
                client.url(BUCKET, "a b/été.json", null).toString());
        assertEquals(s3.url() + "/" + BUCKET + "?list-type=2", client.url(BUCKET, "", "list-type=2").toString());
    }

    @Test
    void theStandardEndpointVariableForS3PointsTheClientAtAnS3CompatibleStore() {
        AwsS3 configured = new AwsS3(new AwsEnvironment(Map.of("AWS_ENDPOINT_URL_S3", s3.url())::get), null, true,
                sleeper);

        configured.put(new S3Location(BUCKET, "k.json"), "{}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertEquals("{}", s3.object(BUCKET, "k.json").orElseThrow());
    }

    @Test
    void aListingGivesEveryKeyUnderThePrefixWithItsTime() {
        s3.put(BUCKET, "release/r/results/run-1/manifest.json", "{}");
        s3.put(BUCKET, "release/r/results/run-1/SUCCEEDED_0.json", "[]");
        s3.put(BUCKET, "release/other/report.json", "{}");

        List<AwsS3.Listed> listed = client.list(BUCKET, "release/r/");

        assertEquals(List.of("release/r/results/run-1/SUCCEEDED_0.json", "release/r/results/run-1/manifest.json"),
                listed.stream().map(AwsS3.Listed::key).toList());
        assertEquals(2, listed.get(0).size());
        assertTrue(listed.get(0).lastModified().getEpochSecond() > 0);
        assertTrue(s3.requests().get(0).getUrl().contains("list-type=2&prefix=release%2Fr%2F"));
    }

    @Test
    void aMissingObjectIsNotFoundAndARefusalIsUnauthorizedNamingTheObjectWithoutRetrying() {
        s3.fail("GET", BUCKET, "denied.json", 403, "AccessDenied");

        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> client.get(new S3Location(BUCKET, "nope.json")));
        UnauthorizedException denied = assertThrows(UnauthorizedException.class,
                () -> client.get(new S3Location(BUCKET, "denied.json")));

        assertTrue(missing.getMessage().contains("s3://" + BUCKET + "/nope.json"), missing.getMessage());
        assertTrue(missing.getMessage().contains("NoSuchKey"), missing.getMessage());
        assertTrue(denied.getMessage().contains("AccessDenied"), denied.getMessage());
        assertEquals(2, s3.requests().size(), "neither is retried");
    }

    @Test
    void aSlowDownIsRetriedLikeTheSdkAndThenTransient() {
        s3.fail("PUT", BUCKET, "busy.json", 503, "SlowDown");

        TransientException e = assertThrows(TransientException.class, () -> client.put(new S3Location(BUCKET,
                "busy.json"), new byte[] {1}, "application/octet-stream"));

        assertEquals(AwsS3.MAX_ATTEMPTS, s3.requests("PUT", BUCKET, "busy.json").size());
        assertEquals(AwsS3.MAX_ATTEMPTS - 1, sleeper.waits().size());
        assertTrue(e.getMessage().contains("SlowDown"), e.getMessage());
    }

    @Test
    void unsignedForALocalStandInNoCredentialsAreNeededOrSent() {
        AwsS3 local = new AwsS3(new AwsEnvironment(name -> null), s3.url(), false, sleeper);

        local.put(new S3Location(BUCKET, "local.json"), "{}".getBytes(StandardCharsets.UTF_8), "application/json");

        assertNull(s3.requests("PUT", BUCKET, "local.json").get(0).getHeader("Authorization"));
    }

    @Test
    void aLocationNamesItsOwnProblemsByField() {
        assertEquals(List.of(new FieldError("targets.bucket", "is not an S3 bucket name (3 to 63 lowercase letters,"
                        + " digits, dots and hyphens)"), new FieldError("targets.key",
                        "must be 1 to 1024 bytes and not start with /")),
                new S3Location("Bad_Bucket", "/x").problems("targets"));
        assertEquals(List.of(), new S3Location(BUCKET, "release/x/targets.json").problems("targets"));
        assertEquals("s3://" + BUCKET + "/p/report.json", new S3Location(BUCKET, "p").resolve("report.json").uri());
    }
}
