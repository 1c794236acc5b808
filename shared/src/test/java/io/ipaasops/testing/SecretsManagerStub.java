package io.ipaasops.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import java.util.Map;

/**
 * AWS Secrets Manager at the wire: {@code POST /} with {@code X-Amz-Target: secretsmanager.GetSecretValue} and the
 * AWS JSON 1.1 protocol, so the real SDK client runs unchanged against it.
 */
public final class SecretsManagerStub implements AutoCloseable {

    private static final String TARGET = "secretsmanager.GetSecretValue";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final WireMockServer server = new WireMockServer(options().port(FreePort.find()));

    /** Starts the stub. */
    public SecretsManagerStub() {
        server.start();
    }

    /** The endpoint to configure ({@code AWS_ENDPOINT_URL_SECRETS_MANAGER} or {@code ipaas.secrets-manager.endpoint}). */
    public String url() {
        return server.baseUrl();
    }

    /** The underlying server. */
    public WireMockServer server() {
        return server;
    }

    private static MappingBuilder getSecretValue(String secretId) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(secretId)));
    }

    /** The secret {@code secretId} holds {@code value} (a JSON text). */
    public void stubSecret(String secretId, String value) {
        String body = Json.write(Map.of("ARN", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:" + secretId,
                "Name", secretId, "SecretString", value, "VersionId", "v-" + value.hashCode(),
                "VersionStages", java.util.List.of("AWSCURRENT"), "CreatedDate", 1.7e9));
        server.stubFor(getSecretValue(secretId).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", CONTENT_TYPE).withBody(body)));
    }

    /** Reading {@code secretId} fails with the AWS error {@code type} (e.g. {@code ResourceNotFoundException}). */
    public void stubError(String secretId, int status, String type) {
        server.stubFor(getSecretValue(secretId).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", CONTENT_TYPE)
                .withBody("{\"__type\":\"" + type + "\",\"message\":\"" + type + " for " + secretId + "\"}")));
    }

    /** How many times {@code secretId} was read. */
    public int reads(String secretId) {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(secretId)))).size();
    }

    @Override
    public void close() {
        server.stop();
    }
}
