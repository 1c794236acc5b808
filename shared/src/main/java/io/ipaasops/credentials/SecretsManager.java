package io.ipaasops.credentials;

import io.ipaasops.core.AwsCallException;
import io.ipaasops.core.AwsEnvironment;
import io.ipaasops.core.AwsJson;
import io.ipaasops.core.Sleeper;
import io.ipaasops.core.Tally;
import io.ipaasops.core.TransientException;
import io.ipaasops.core.UnauthorizedException;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Reads secret strings from AWS Secrets Manager ({@code GetSecretValue}), on first use, never at start-up.
 *
 * <p>Spoken through {@link AwsJson} (the SDK's signer on the JDK HTTP client) rather than the SDK's service client,
 * which costs a cold start far more than its one call (docs/decisions/0025). Region, credentials and the standard
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} override come from {@link AwsEnvironment};
 * {@code ipaas.secrets-manager.endpoint} overrides the endpoint from configuration.</p>
 */
@Singleton
public final class SecretsManager {

    private final AwsJson service;

    /** Creates the reader; {@code endpoint} may be null. */
    public SecretsManager(@Nullable @Property(name = "ipaas.secrets-manager.endpoint") String endpoint,
                          JsonMapper mapper, Sleeper sleeper) {
        AwsEnvironment environment = new AwsEnvironment();
        this.service = new AwsJson("secretsmanager", "1.1",
                () -> environment.endpoint(endpoint, "SECRETS_MANAGER", "secretsmanager"), environment, mapper,
                sleeper);
    }

    /**
     * The secret's current string value.
     *
     * @throws UnauthorizedException when the secret does not exist or may not be read
     * @throws TransientException    when Secrets Manager cannot be reached or fails
     */
    public String read(String secretId) {
        Tally.increment(Tally.Count.SECRET_READS);
        try {
            JsonNode value = service.call("secretsmanager.GetSecretValue", Map.of("SecretId", secretId))
                    .get("SecretString");
            if (value == null || !value.isString()) {
                throw new UnauthorizedException("secret '" + secretId + "' has no string value");
            }
            return value.getStringValue();
        } catch (AwsCallException e) {
            if (!e.answered()) {
                throw new TransientException("cannot reach Secrets Manager to read '" + secretId + "'", List.of(), e);
            }
            if (e.status() >= 500 || e.status() == 429 || "ThrottlingException".equals(e.code())) {
                throw new TransientException("Secrets Manager failed reading '" + secretId + "' (" + e.code() + ")",
                        List.of(), e);
            }
            throw new UnauthorizedException("cannot read secret '" + secretId + "' (" + e.code() + ")");
        }
    }

    /** Loads the signing and JSON paths of a read without making one or resolving credentials (SnapStart priming). */
    public void prime() {
        service.prime(Map.of("SecretId", "primer"), "{\"ARN\":\"arn\",\"Name\":\"primer\",\"SecretString\":\"{}\"}");
    }
}
