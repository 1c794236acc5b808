package io.ipaasops.core;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * One AWS service spoken in its JSON protocol ({@code POST /} with {@code X-Amz-Target}), signed with the SDK's
 * SigV4 signer and sent with the JDK HTTP client, which Micronaut's client already loads.
 *
 * <p>A whole SDK service client costs a cold start about 300 ms of class loading for a call or two per container
 * (docs/decisions/0025). Like the SDK's standard retry mode, a call is tried up to three times when the service
 * could not be reached, failed (5xx), throttled, or a DynamoDB response failed its CRC32 check.</p>
 */
public final class AwsJson {

    private static final Logger LOG = LoggerFactory.getLogger(AwsJson.class);

    static final int MAX_ATTEMPTS = 3;
    static final String NO_CREDENTIALS = "NoCredentials";
    static final String CRC32_MISMATCH = "Crc32Mismatch";

    private final String signingName;
    private final String contentType;
    private final Supplier<URI> endpoint;
    private final Supplier<String> region;
    private final Supplier<Optional<String>> namedRegion;
    private final Supplier<AwsCredentialsProvider> credentials;
    private final JsonMapper mapper;
    private final Sleeper sleeper;

    /**
     * A service client; nothing is resolved until the first call.
     *
     * @param signingName  the SigV4 service name, e.g. {@code secretsmanager}
     * @param jsonVersion  the protocol version of the service, {@code 1.0} or {@code 1.1}
     * @param endpoint     where calls go, resolved on first use
     */
    public AwsJson(String signingName, String jsonVersion, Supplier<URI> endpoint, AwsEnvironment environment,
                   JsonMapper mapper, Sleeper sleeper) {
        this.signingName = signingName;
        this.contentType = "application/x-amz-json-" + jsonVersion;
        this.endpoint = Once.of(endpoint);
        this.region = Once.of(environment::region);
        this.namedRegion = environment::namedRegion;
        this.credentials = Once.of(environment::credentials);
        this.mapper = mapper;
        this.sleeper = sleeper;
    }

    /**
     * Calls {@code target} (e.g. {@code secretsmanager.GetSecretValue}) with {@code request} (serialized as JSON)
     * and returns the response document.
     *
     * @throws AwsCallException when the service refused, failed after retries, or could not be reached
     */
    public JsonNode call(String target, Object request) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialize the request to " + target, e);
        }
        AwsCallException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                Tally.increment(Tally.Count.RETRIES);
                sleeper.sleep(AwsHttp.backoff(attempt, AwsHttp.THROTTLING.contains(last.code())));
            }
            try {
                return mapper.readValue(send(target, body), JsonNode.class);
            } catch (AwsCallException e) {
                last = e;
                if (throttled(e)) {
                    Tally.increment(Tally.Count.RATE_LIMITS);
                }
                if (!retryable(e)) {
                    throw e;
                }
            } catch (IOException e) {
                last = new AwsCallException(200, "", "unreadable response from " + target, e);
            }
        }
        throw last;
    }

    /** What the SDK's standard mode retries: no answer (but not missing credentials), 5xx, throttling, CRC32. */
    private static boolean retryable(AwsCallException e) {
        return !e.answered() ? !NO_CREDENTIALS.equals(e.code()) : e.status() >= 500 || throttled(e)
                || CRC32_MISMATCH.equals(e.code());
    }

    /** Whether the service said "slow down". */
    private static boolean throttled(AwsCallException e) {
        return e.answered() && (e.status() == 429 || AwsHttp.THROTTLING.contains(e.code()));
    }

    /**
     * Loads what a call runs, without making one: the credentials provider (built, not resolved), the signer over
     * {@code request} with throwaway credentials, and the JSON of {@code request} and {@code response}. For
     * SnapStart priming: no network call (no region or endpoint is looked up), no secret; a failure is skipped.
     */
    public void prime(Object request, String response) {
        try {
            byte[] body = mapper.writeValueAsBytes(request);
            SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST)
                    .uri(URI.create("https://" + signingName + ".primer.amazonaws.com/"))
                    .putHeader("Content-Type", contentType).putHeader("X-Amz-Target", "primer").build();
            credentials.get();
            AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create("primer", "primer"))
                    .request(unsigned).payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, namedRegion.get().orElse("us-east-1")));
            mapper.readValue(response.getBytes(StandardCharsets.UTF_8), JsonNode.class);
            crc32(body);
            HttpRequest.newBuilder(unsigned.getUri()).timeout(AwsHttp.TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            AwsHttp.prime();
        } catch (IOException | RuntimeException e) {
            LOG.debug("priming {} skipped", signingName, e);
        }
    }

    private byte[] send(String target, byte[] body) {
        URI uri = endpoint.get();
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", contentType).putHeader("X-Amz-Target", target).build();
        AwsCredentialsIdentity identity;
        try {
            identity = credentials.get().resolveCredentials();
        } catch (RuntimeException e) {
            throw new AwsCallException(0, NO_CREDENTIALS, "no AWS credentials for " + target + ": " + e.getMessage(),
                    e);
        }
        HttpResponse<byte[]> response = AwsHttp.send(unsigned, body, identity, r -> r
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.get()), target);
        byte[] answer = response.body();
        String crc = response.headers().firstValue("x-amz-crc32").orElse(null);
        if (crc != null && !crc.equals(Long.toString(crc32(answer)))) {
            throw new AwsCallException(response.statusCode(), CRC32_MISMATCH, target + ": response CRC32 mismatch",
                    null);
        }
        if (response.statusCode() / 100 != 2) {
            throw error(target, response.statusCode(), answer);
        }
        return answer;
    }

    private AwsCallException error(String target, int status, byte[] answer) {
        String code = "";
        String message = "";
        try {
            JsonNode node = mapper.readValue(answer, JsonNode.class);
            JsonNode type = node == null ? null : node.get("__type");
            code = type != null && type.isString() ? type.getStringValue() : "";
            code = code.substring(code.lastIndexOf('#') + 1);
            JsonNode text = node == null ? null : node.get(node.get("message") != null ? "message" : "Message");
            message = text != null && text.isString() ? text.getStringValue() : "";
        } catch (IOException | RuntimeException e) {
            // Not JSON (a proxy's page): the status alone decides.
        }
        return new AwsCallException(status, code, target + " failed: HTTP " + status + " " + code
                + (message.isEmpty() ? "" : " (" + message + ")"), null);
    }

    private static long crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }
}
