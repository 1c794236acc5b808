package io.ipaasops.credentials;

import io.ipaasops.core.Redactor;
import io.micronaut.core.value.PropertyResolver;
import jakarta.inject.Singleton;
import java.util.Arrays;

/** Webhook secrets from {@code WEBHOOK_SECRET} (comma-separated for rotation); none configured means none valid. */
@Singleton
public final class EnvWebhookSecrets implements CredentialsProvider<WebhookSecrets> {

    private final PropertyResolver properties;

    /** Creates the provider; nothing is read until {@link #get()}. */
    public EnvWebhookSecrets(PropertyResolver properties) {
        this.properties = properties;
    }

    @Override
    public WebhookSecrets get() {
        String configured = properties.get("webhook.secret", String.class).orElse("");
        var secrets = Arrays.stream(configured.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        secrets.forEach(Redactor::register);
        return new WebhookSecrets(secrets);
    }
}
