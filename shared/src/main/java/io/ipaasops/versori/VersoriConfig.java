package io.ipaasops.versori;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.net.URI;

/** Where Versori's connect API is, under {@code versori} ({@code VERSORI_URL} etc.). */
@ConfigurationProperties("versori")
public class VersoriConfig {

    private URI url = URI.create("https://platform.versori.com/api/connect/v1");
    private int maxItems = 50_000;

    /** The connect API v1 base URL. */
    public URI getUrl() {
        return url;
    }

    /** Sets the connect API v1 base URL. */
    public void setUrl(URI url) {
        this.url = url;
    }

    /** The most items an {@code all: true} listing collects before it stops with an error. */
    public int getMaxItems() {
        return maxItems;
    }

    /** Sets the most items an {@code all: true} listing collects. */
    public void setMaxItems(int maxItems) {
        this.maxItems = maxItems;
    }
}
