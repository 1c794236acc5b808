package io.ipaasops.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Builds JWT-shaped access tokens for stubs: Prismatic's are JWTs whose {@code exp} says when to refresh. */
public final class Tokens {

    private Tokens() {
    }

    /** An unsigned JWT expiring at {@code exp}, distinct per {@code subject}. */
    public static String jwt(String subject, Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + subject + "\",\"exp\":" + exp.getEpochSecond() + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".c2lnbmF0dXJlLW5vdC1jaGVja2Vk";
    }
}
