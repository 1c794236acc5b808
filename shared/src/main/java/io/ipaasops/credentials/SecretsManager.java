package io.ipaasops.credentials;

import io.ipaasops.core.AwsClients;
import io.ipaasops.core.TransientException;
import io.ipaasops.core.UnauthorizedException;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Reads secret strings with the AWS SDK v2 Secrets Manager client, created on the first read, never at start-up.
 *
 * <p>Region, credentials and the standard {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} override come from the SDK's
 * own environment handling; {@code ipaas.secrets-manager.endpoint} overrides the endpoint from configuration.
 * The light URL-connection HTTP client is used: one call per container every few minutes needs no pool.</p>
 */
@Singleton
public final class SecretsManager {

    private final Supplier<SecretsManagerClient> client;

    /** Creates the reader; {@code endpoint} may be null. */
    public SecretsManager(@Nullable @Property(name = "ipaas.secrets-manager.endpoint") String endpoint) {
        this.client = AwsClients.lazy(SecretsManagerClient::builder, endpoint);
    }

    /**
     * The secret's current string value.
     *
     * @throws UnauthorizedException when the secret does not exist or may not be read
     * @throws TransientException    when Secrets Manager cannot be reached or fails
     */
    public String read(String secretId) {
        try {
            String value = client.get().getSecretValue(r -> r.secretId(secretId)).secretString();
            if (value == null) {
                throw new UnauthorizedException("secret '" + secretId + "' has no string value");
            }
            return value;
        } catch (SecretsManagerException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (e.statusCode() >= 500 || "ThrottlingException".equals(code)) {
                throw new TransientException("Secrets Manager failed reading '" + secretId + "' (" + code + ")",
                        List.of(), e);
            }
            throw new UnauthorizedException("cannot read secret '" + secretId + "' (" + code + ")");
        } catch (SdkException e) {
            throw new TransientException("cannot reach Secrets Manager to read '" + secretId + "'", List.of(), e);
        }
    }
}
