package io.ipaasops.triggers;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies that a webhook body was signed with one of the shared secrets (HMAC-SHA256 of the raw body).
 *
 * <p>Two header forms are accepted: GitHub's {@code X-Hub-Signature-256: sha256=<hex>}, and the timestamped
 * {@code X-Ipaas-Signature: t=<unix seconds>,v1=<hex>} signed over {@code <t>.<body>}, which must lie within the
 * tolerance of now in either direction so that a captured request cannot be replayed later. Several secrets may be
 * active at once (rotation); comparison is constant-time; header names are case-insensitive.</p>
 */
public final class WebhookSignature {

    /** GitHub's signature header. */
    public static final String GITHUB_HEADER = "X-Hub-Signature-256";
    /** The timestamped signature header. */
    public static final String TIMESTAMPED_HEADER = "X-Ipaas-Signature";
    /** How far a timestamped signature may be from now, either way. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final HexFormat HEX = HexFormat.of();

    private final Clock clock;
    private final Duration tolerance;

    /** A verifier judging timestamps by {@code clock} with the given tolerance. */
    public WebhookSignature(Clock clock, Duration tolerance) {
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /** Why a signature was refused; the message says which check failed and never contains a secret. */
    public static final class Invalid extends Exception {

        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Checks {@code body} against the signature headers.
     *
     * @param headers the request headers, any case
     * @param secrets the active secrets; none means every request is refused
     * @throws Invalid when no header carries a valid signature by any of the secrets
     */
    public void verify(byte[] body, Map<String, String> headers, List<String> secrets) throws Invalid {
        if (secrets.isEmpty()) {
            throw new Invalid("no webhook secret is configured, so no signature can be valid");
        }
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        String timestamped = byName.get(TIMESTAMPED_HEADER);
        String github = byName.get(GITHUB_HEADER);
        if (timestamped != null) {
            verifyTimestamped(body, timestamped, secrets);
        } else if (github != null) {
            verifyGitHub(body, github, secrets);
        } else {
            throw new Invalid("missing " + TIMESTAMPED_HEADER + " or " + GITHUB_HEADER + " header");
        }
    }

    private static void verifyGitHub(byte[] body, String header, List<String> secrets) throws Invalid {
        if (!header.startsWith("sha256=")) {
            throw new Invalid(GITHUB_HEADER + " must be sha256=<hex>");
        }
        byte[] given = hex(header.substring("sha256=".length()));
        for (String secret : secrets) {
            if (MessageDigest.isEqual(hmac(secret, body), given)) {
                return;
            }
        }
        throw new Invalid(GITHUB_HEADER + " does not match the body");
    }

    private void verifyTimestamped(byte[] body, String header, List<String> secrets) throws Invalid {
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            if (kv[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    throw new Invalid(TIMESTAMPED_HEADER + " has a malformed timestamp");
                }
            } else if (kv[0].equals("v1")) {
                signatures.add(hex(kv[1]));
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new Invalid(TIMESTAMPED_HEADER + " must be t=<unix seconds>,v1=<hex>");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > tolerance.toSeconds()) {
            throw new Invalid(TIMESTAMPED_HEADER + " timestamp is " + skew + " s from now (tolerance "
                    + tolerance.toSeconds() + " s)");
        }
        byte[] payload = signedPayload(timestamp, body);
        for (String secret : secrets) {
            byte[] expected = hmac(secret, payload);
            for (byte[] given : signatures) {
                if (MessageDigest.isEqual(expected, given)) {
                    return;
                }
            }
        }
        throw new Invalid(TIMESTAMPED_HEADER + " does not match the body");
    }

    /** A valid {@code X-Ipaas-Signature} value for {@code body} at {@code timestamp} (for senders and tests). */
    public static String timestampedHeader(String secret, byte[] body, long timestamp) {
        return "t=" + timestamp + ",v1=" + HEX.formatHex(hmac(secret, signedPayload(timestamp, body)));
    }

    /** A valid {@code X-Hub-Signature-256} value for {@code body} (for senders and tests). */
    public static String githubHeader(String secret, byte[] body) {
        return "sha256=" + HEX.formatHex(hmac(secret, body));
    }

    private static byte[] signedPayload(long timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, payload, 0, prefix.length);
        System.arraycopy(body, 0, payload, prefix.length, body.length);
        return payload;
    }

    private static byte[] hex(String value) throws Invalid {
        try {
            return HEX.parseHex(value.trim());
        } catch (IllegalArgumentException e) {
            throw new Invalid("signature is not hex");
        }
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
