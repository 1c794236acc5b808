package io.ipaasops.testing;

import io.ipaasops.triggers.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Webhook headers signed as callers sign them, for requests tests send through API Gateway events. */
public final class SignedHeaders {

    private SignedHeaders() {
    }

    /** {@code X-Ipaas-Signature: t=<now>,v1=<hmac>} over {@code body}. */
    public static Map<String, String> timestamped(String secret, String body) {
        return Map.of("X-Ipaas-Signature", WebhookSignature.timestampedHeader(secret,
                body.getBytes(StandardCharsets.UTF_8), Instant.now().getEpochSecond()));
    }

    /** A GitHub delivery of {@code event}: its {@code X-GitHub-Event}, {@code X-GitHub-Delivery} and signature. */
    public static Map<String, String> gitHubDelivery(String secret, String event, String delivery, String body) {
        return Map.of("X-GitHub-Event", event, "X-GitHub-Delivery", delivery, "X-Hub-Signature-256",
                WebhookSignature.githubHeader(secret, body.getBytes(StandardCharsets.UTF_8)),
                "User-Agent", "GitHub-Hookshot/8f2a1c4");
    }

    /** GitHub's {@code X-Hub-Signature-256} over {@code body}, with a fresh {@code X-GitHub-Delivery}. */
    public static Map<String, String> github(String secret, String body) {
        return Map.of("X-Hub-Signature-256", WebhookSignature.githubHeader(secret,
                body.getBytes(StandardCharsets.UTF_8)), "X-GitHub-Delivery", UUID.randomUUID().toString());
    }
}
