package io.ipaasops.core;

import io.micronaut.context.annotation.Factory;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import jakarta.inject.Singleton;

/** Creates the one HTTP client both platforms share, configured under {@code micronaut.http.client}. */
@Factory
final class HttpClientFactory {

    /** The client has no base URL: every request carries the platform's absolute URL. */
    @Singleton
    HttpClient httpClient(DefaultHttpClientConfiguration configuration) {
        return HttpClient.create(null, configuration);
    }
}
