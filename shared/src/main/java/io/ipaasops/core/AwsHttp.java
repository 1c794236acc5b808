package io.ipaasops.core;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * What every AWS call of ours shares (decision 0025): the SDK's SigV4 signer, one HTTP/1.1 JDK client for the
 * process, and the backoff of the SDK's standard retry mode.
 */
final class AwsHttp {

    /** How long one AWS request may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The error codes the SDK's standard retry mode treats as throttling. */
    static final Set<String> THROTTLING = Set.of("ThrottlingException", "Throttling", "ThrottledException",
            "RequestThrottledException", "TooManyRequestsException", "ProvisionedThroughputExceededException",
            "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
            "LimitExceededException", "RequestThrottled", "PriorRequestNotComplete", "SlowDown");

    private AwsHttp() {
    }

    /** The SDK's standard backoff before {@code attempt} (2 or more): up to 100 ms doubled, 500 ms when throttled. */
    static Duration backoff(int attempt, boolean throttled) {
        long ceiling = (throttled ? 500L : 100L) << (attempt - 2);
        return Duration.ofMillis(ceiling / 2 + (long) (Math.random() * ceiling / 2));
    }

    /**
     * Signs {@code unsigned} with its {@code body} (unless {@code identity} is null: an endpoint that checks no
     * signature) and sends it.
     *
     * @param signing the signer's properties beyond the identity, request and payload (service, region, ...)
     * @throws AwsCallException with status 0 when no answer came
     */
    static HttpResponse<byte[]> send(SdkHttpRequest unsigned, byte[] body, AwsCredentialsIdentity identity,
                                     Consumer<SignRequest.Builder<AwsCredentialsIdentity>> signing, String what) {
        SdkHttpRequest request = identity == null ? unsigned : AwsV4HttpSigner.create().sign(r -> {
            r.identity(identity).request(unsigned).payload(ContentStreamProvider.fromByteArray(body));
            signing.accept(r);
        }).request();
        URI uri = request.getUri();
        HttpRequest.BodyPublisher publisher = body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(request.method().name(), publisher);
        // The JDK client sets Host and Content-Length itself, to the values the signature covers.
        request.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> http.header(name, value));
            }
        });
        try {
            return Client.INSTANCE.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AwsCallException(0, "", "cannot reach " + uri.getHost() + " for " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AwsCallException(0, "", "interrupted calling " + what, e);
        }
    }

    /** Loads the HTTP client without sending anything (SnapStart priming). */
    static void prime() {
        Client.INSTANCE.version();
    }


    /** One HTTP/1.1 client for every AWS call of the process, created on the first. */
    private static final class Client {
        static final HttpClient INSTANCE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }
}
