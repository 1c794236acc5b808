package io.ipaasops.triggers;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhook signatures: both header forms, rotation, tolerance in both directions, and forgeries refused. */
class WebhookSignatureTest {

    private static final String SECRET = "whsec_current_0123456789";
    private static final String OLD = "whsec_previous_9876543210";
    private static final byte[] BODY = "{\"instanceId\":\"SW5zdGFuY2U6MQ==\"}".getBytes(StandardCharsets.UTF_8);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final WebhookSignature signature = new WebhookSignature(clock, WebhookSignature.DEFAULT_TOLERANCE);
    private final long now = clock.instant().getEpochSecond();

    @Test
    void gitHubSignatureIsAccepted() {
        assertDoesNotThrow(() -> signature.verify(BODY,
                Map.of("x-hub-signature-256", WebhookSignature.githubHeader(SECRET, BODY)), List.of(SECRET)));
    }

    @Test
    void timestampedSignatureIsAcceptedWithAnyHeaderCase() {
        assertDoesNotThrow(() -> signature.verify(BODY,
                Map.of("X-IPAAS-SIGNATURE", WebhookSignature.timestampedHeader(SECRET, BODY, now)), List.of(SECRET)));
    }

    @Test
    void anyActiveSecretVerifiesDuringRotation() {
        assertDoesNotThrow(() -> signature.verify(BODY,
                Map.of("X-Hub-Signature-256", WebhookSignature.githubHeader(OLD, BODY)), List.of(SECRET, OLD)));
    }

    @Test
    void tamperedBodyIsRefused() {
        String header = WebhookSignature.githubHeader(SECRET, BODY);
        byte[] tampered = "{\"instanceId\":\"SW5zdGFuY2U6Mg==\"}".getBytes(StandardCharsets.UTF_8);

        var e = assertThrows(WebhookSignature.Invalid.class,
                () -> signature.verify(tampered, Map.of("X-Hub-Signature-256", header), List.of(SECRET)));
        assertTrue(e.getMessage().contains("does not match"));
    }

    @Test
    void signatureByAnUnknownSecretIsRefused() {
        assertThrows(WebhookSignature.Invalid.class, () -> signature.verify(BODY,
                Map.of("X-Ipaas-Signature", WebhookSignature.timestampedHeader("guess", BODY, now)), List.of(SECRET)));
    }

    @Test
    void replayOlderThanToleranceIsRefused() {
        String header = WebhookSignature.timestampedHeader(SECRET, BODY, now);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        var e = assertThrows(WebhookSignature.Invalid.class,
                () -> signature.verify(BODY, Map.of("X-Ipaas-Signature", header), List.of(SECRET)));
        assertTrue(e.getMessage().contains("301 s from now"), e.getMessage());
    }

    @Test
    void timestampFromTheFutureBeyondToleranceIsRefused() {
        String header = WebhookSignature.timestampedHeader(SECRET, BODY, now + 301);

        assertThrows(WebhookSignature.Invalid.class,
                () -> signature.verify(BODY, Map.of("X-Ipaas-Signature", header), List.of(SECRET)));
    }

    @Test
    void withinToleranceEitherWayIsAccepted() {
        assertDoesNotThrow(() -> signature.verify(BODY,
                Map.of("X-Ipaas-Signature", WebhookSignature.timestampedHeader(SECRET, BODY, now - 299)),
                List.of(SECRET)));
        assertDoesNotThrow(() -> signature.verify(BODY,
                Map.of("X-Ipaas-Signature", WebhookSignature.timestampedHeader(SECRET, BODY, now + 299)),
                List.of(SECRET)));
    }

    @Test
    void changingTheTimestampBreaksTheSignature() {
        String header = WebhookSignature.timestampedHeader(SECRET, BODY, now - 1000);
        String moved = header.replace("t=" + (now - 1000), "t=" + now);

        assertThrows(WebhookSignature.Invalid.class,
                () -> signature.verify(BODY, Map.of("X-Ipaas-Signature", moved), List.of(SECRET)));
    }

    @Test
    void missingHeaderMalformedHexAndNoSecretsAreRefusedWithoutLeakingTheSecret() {
        var missing = assertThrows(WebhookSignature.Invalid.class,
                () -> signature.verify(BODY, Map.of(), List.of(SECRET)));
        var garbage = assertThrows(WebhookSignature.Invalid.class,
                () -> signature.verify(BODY, Map.of("X-Hub-Signature-256", "sha256=zz"), List.of(SECRET)));
        var none = assertThrows(WebhookSignature.Invalid.class, () -> signature.verify(BODY,
                Map.of("X-Hub-Signature-256", WebhookSignature.githubHeader(SECRET, BODY)), List.of()));

        for (Exception e : List.of(missing, garbage, none)) {
            assertFalse(e.getMessage().contains(SECRET));
        }
    }
}
