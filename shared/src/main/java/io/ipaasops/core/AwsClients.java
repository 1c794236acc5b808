package io.ipaasops.core;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds AWS SDK clients the same way everywhere, on first use: the light URL-connection HTTP client (a few calls
 * per container need no pool), an optional endpoint override, and on Lambda an explicit region and credentials
 * provider, so that the SDK probes no profile file or instance metadata (the SDK's Lambda cold-start guidance).
 *
 * <p>Elsewhere (tests, a laptop) region and credentials come from the SDK's own chains; the standard
 * {@code AWS_ENDPOINT_URL_<SERVICE>} variables are honoured everywhere.</p>
 */
public final class AwsClients {

    private AwsClients() {
    }

    /** A supplier that builds the client once, on its first call, from {@code builder}. */
    public static <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> Supplier<C> lazy(
            Supplier<B> builder, String endpoint) {
        return new Supplier<>() {
            private volatile C client;

            @Override
            public C get() {
                C current = client;
                if (current == null) {
                    synchronized (this) {
                        current = client;
                        if (current == null) {
                            current = build(builder.get(), endpoint);
                            client = current;
                        }
                    }
                }
                return current;
            }
        };
    }

    /** Builds a client now, as {@link #lazy} does on first use (SnapStart priming builds them before the snapshot). */
    public static <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C build(B builder,
                                                                                                String endpoint) {
        builder.httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        // aws.region, else AWS_REGION: what the SDK's chain would find first, without building the chain.
        SdkSystemSetting.AWS_REGION.getStringValue().filter(r -> !r.isBlank()).map(Region::of)
                .ifPresent(builder::region);
        credentials().ifPresent(builder::credentialsProvider);
        return builder.build();
    }

    /**
     * Lambda's credentials, named rather than searched for: its variables on an on-demand start; under SnapStart
     * (or wherever a container endpoint is given) the container endpoint, because a restored snapshot has no
     * credential variables and must not reuse the ones INIT had. Empty elsewhere: the SDK's default chain.
     */
    static Optional<AwsCredentialsProvider> credentials() {
        boolean snapStart = "snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));
        boolean container = System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null
                || System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null;
        boolean variables = System.getenv("AWS_ACCESS_KEY_ID") != null
                && System.getenv("AWS_SECRET_ACCESS_KEY") != null;
        if (System.getProperty("aws.accessKeyId") != null || System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null) {
            return Optional.empty();
        }
        if (variables && !snapStart) {
            return Optional.of(EnvironmentVariableCredentialsProvider.create());
        }
        return snapStart || container ? Optional.of(ContainerCredentialsProvider.create()) : Optional.empty();
    }
}
