package io.ipaasops.prismatic;

import io.ipaasops.core.HttpTransport;
import io.ipaasops.core.Platform;
import io.ipaasops.credentials.RefreshOnce;
import io.ipaasops.core.Redactor;
import io.ipaasops.core.Tally;
import io.ipaasops.core.UnauthorizedException;
import io.ipaasops.core.UpstreamException;
import io.ipaasops.credentials.CredentialsProvider;
import io.ipaasops.credentials.PrismaticCredentials;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Exchanges the refresh token for an access token at {@code POST /auth/refresh} and caches it for the process.
 *
 * <p>The token is reused until five minutes before its JWT {@code exp} (else {@code expires_in}, else seven days),
 * as Prism does. Neither token is ever logged or put in an error.</p>
 */
@Singleton
public final class PrismaticAuth {

    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
    static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);

    private final PrismaticConfig config;
    private final CredentialsProvider<PrismaticCredentials> credentials;
    private final HttpTransport transport;
    private final JsonMapper mapper;
    private final Clock clock;

    private String accessToken;
    private Instant refreshAt = Instant.MIN;

    /** Creates the token cache; no exchange happens until the first call needs a token. */
    public PrismaticAuth(PrismaticConfig config, CredentialsProvider<PrismaticCredentials> credentials,
                         HttpTransport transport, JsonMapper mapper, Clock clock) {
        this.config = config;
        this.credentials = credentials;
        this.transport = transport;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A valid access token, exchanging the refresh token when there is none or it is about to expire. */
    public synchronized String accessToken() {
        if (accessToken == null || !clock.instant().isBefore(refreshAt)) {
            exchange();
        }
        return accessToken;
    }

    /** Forgets {@code rejected} so that the next call exchanges again; a newer token is kept. */
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(accessToken)) {
            accessToken = null;
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RefreshRequest(@JsonProperty("refresh_token") String refreshToken,
                          @JsonProperty("tenant_id") @Nullable String tenantId) {
    }

    private void exchange() {
        // The secret may have been rotated since it was loaded: reload once and try again.
        HttpTransport.Response response = RefreshOnce.call(credentials::get, this::post,
                r -> r.status() == 401 || r.status() == 403 || r.status() == 400, refused -> credentials.refresh());
        if (!response.ok()) {
            throw new UnauthorizedException("Prismatic refused the refresh token (HTTP " + response.status()
                    + " from /auth/refresh); check PRISM_REFRESH_TOKEN / the Prismatic secret and the tenant id");
        }
        String token = readToken(response.body());
        Redactor.register(token);
        accessToken = token;
        refreshAt = expiry(token, response.body()).minus(REFRESH_MARGIN);
    }

    private HttpTransport.Response post(PrismaticCredentials creds) {
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(new RefreshRequest(creds.refreshToken(), creds.tenantId()));
        } catch (IOException e) {
            throw new IllegalStateException("could not encode the token request", e);
        }
        Tally.increment(Tally.Count.TOKEN_EXCHANGES);
        return transport.send(Platform.PRISMATIC, HttpRequest.POST(config.endpoint("/auth/refresh"), body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE), HttpTransport.Repeat.SAFE);
    }

    private String readToken(byte[] body) {
        JsonNode node = tree(body);
        JsonNode token = node == null ? null : node.get("access_token");
        if (token == null || !token.isString() || token.getStringValue().isBlank()) {
            throw new UpstreamException("Prismatic's /auth/refresh answered without an access_token");
        }
        return token.getStringValue();
    }

    /** When the token expires: its JWT {@code exp}, else {@code expires_in}, else seven days from now. */
    private Instant expiry(String token, byte[] body) {
        Instant now = clock.instant();
        String[] parts = token.split("\\.");
        if (parts.length == 3) {
            try {
                JsonNode claims = tree(Base64.getUrlDecoder().decode(parts[1]));
                JsonNode exp = claims == null ? null : claims.get("exp");
                if (exp != null && exp.isNumber()) {
                    return Instant.ofEpochSecond(exp.getNumberValue().longValue());
                }
            } catch (IllegalArgumentException e) {
                // Not base64url: fall through to the response's own hint.
            }
        }
        JsonNode response = tree(body);
        JsonNode expiresIn = response == null ? null : response.get("expires_in");
        if (expiresIn != null && expiresIn.isNumber()) {
            return now.plusSeconds(expiresIn.getNumberValue().longValue());
        }
        return now.plus(DEFAULT_LIFETIME);
    }

    private JsonNode tree(byte[] json) {
        try {
            JsonNode node = mapper.readValue(json, JsonNode.class);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
