package io.ipaasops.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers every secret value this process has loaded and removes them from text that leaves the process.
 *
 * <p>A second line of defence: no code path is meant to put a secret in a message, but an upstream error body
 * may echo what it was sent. Credentials providers register each secret as they load it.</p>
 */
public final class Redactor {

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();
    private static final int SHORTEST = 6;

    private Redactor() {
    }

    /** Registers {@code secret} so that it is masked wherever it appears later. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= SHORTEST) {
            SECRETS.add(secret);
        }
    }

    /** Returns UTF-8 {@code bytes} (an output) with every registered secret replaced by {@code ***}. */
    public static byte[] scrub(byte[] bytes) {
        if (bytes == null || SECRETS.isEmpty()) {
            return bytes;
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        String scrubbed = scrub(text);
        return scrubbed.equals(text) ? bytes : scrubbed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Returns {@code text} with every registered secret replaced by {@code ***}. */
    public static String scrub(String text) {
        if (text == null || SECRETS.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : SECRETS) {
            if (result.contains(secret)) {
                result = result.replace(secret, "***");
            }
        }
        return result;
    }
}
