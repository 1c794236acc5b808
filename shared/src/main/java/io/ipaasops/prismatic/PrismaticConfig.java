package io.ipaasops.prismatic;

import io.ipaasops.core.Urls;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;
import java.time.Duration;

/**
 * Where Prismatic is and how patiently to talk to it, under {@code prismatic} ({@code PRISMATIC_URL} etc.).
 */
@ConfigurationProperties("prismatic")
public class PrismaticConfig {

    private URI url = URI.create("https://app.prismatic.io");
    private Duration pollInterval = Duration.ofSeconds(1);
    private int maxItems = 50_000;

    /** The stack's base URL; regional and private stacks are just other URLs. */
    public URI getUrl() {
        return url;
    }

    /** Sets the stack's base URL. */
    public void setUrl(URI url) {
        this.url = url;
    }

    /** How often a test flow's execution is polled while waiting for its result. */
    public Duration getPollInterval() {
        return pollInterval;
    }

    /** Sets how often a test flow's execution is polled. */
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** The most items an {@code all: true} listing collects before it stops with an error. */
    public int getMaxItems() {
        return maxItems;
    }

    /** Sets the most items an {@code all: true} listing collects. */
    public void setMaxItems(int maxItems) {
        this.maxItems = maxItems;
    }

    /** The absolute URL of {@code path} on the stack. */
    public String endpoint(String path) {
        return Urls.join(url, path);
    }
}
