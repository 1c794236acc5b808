package io.ipaasops.core;

import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Builds AWS SDK clients the same way everywhere, on first use: the light URL-connection HTTP client (a few calls
 * per container need no pool) and an optional endpoint override; region, credentials and the standard
 * {@code AWS_ENDPOINT_URL_<SERVICE>} variables come from the SDK's own environment handling.
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
                            B b = builder.get().httpClient(UrlConnectionHttpClient.create());
                            if (endpoint != null && !endpoint.isBlank()) {
                                b.endpointOverride(URI.create(endpoint));
                            }
                            current = b.build();
                            client = current;
                        }
                    }
                }
                return current;
            }
        };
    }
}
