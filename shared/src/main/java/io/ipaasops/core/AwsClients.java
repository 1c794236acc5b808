package io.ipaasops.core;

import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds an AWS SDK service client, on first use, for a service no {@link AwsJson} call is written for: the light
 * URL-connection HTTP client, an optional endpoint override, and the region and credentials that
 * {@link AwsEnvironment} names. A service client costs a cold start far more than an {@link AwsJson} call (decision
 * 0025): Secrets Manager and DynamoDB, on every function's path, use {@link AwsJson}.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /** A supplier that builds the client once, on its first call, from {@code builder}. */
    public static <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> Supplier<C> lazy(
            Supplier<B> builder, String endpoint) {
        return Once.of(() -> {
            AwsEnvironment environment = new AwsEnvironment();
            B b = builder.get().httpClient(UrlConnectionHttpClient.create())
                    .region(Region.of(environment.region()))
                    .credentialsProvider(environment.credentials());
            if (endpoint != null && !endpoint.isBlank()) {
                b.endpointOverride(URI.create(endpoint));
            }
            return b.build();
        });
    }
}
