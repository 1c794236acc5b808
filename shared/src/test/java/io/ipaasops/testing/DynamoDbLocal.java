package io.ipaasops.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local running in this JVM, in memory, listening on a loopback port so that the code under test uses the
 * real SDK client over HTTP exactly as on AWS (only the endpoint differs).
 */
public final class DynamoDbLocal implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final String endpoint;

    /** Starts DynamoDB Local on a free port. */
    public DynamoDbLocal() {
        AwsTestEnvironment.configure();
        int port = FreePort.find();
        try {
            server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
        endpoint = "http://127.0.0.1:" + port;
    }

    /** The endpoint to configure ({@code AWS_ENDPOINT_URL_DYNAMODB} or {@code ipaas.dynamodb.endpoint}). */
    public String endpoint() {
        return endpoint;
    }

    /** A client of this server. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates the idempotency table as the CDK stack does: string partition key {@code pk}, on demand. */
    public void createIdempotencyTable(String name) {
        try (DynamoDbClient client = client()) {
            client.createTable(r -> r.tableName(name)
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .billingMode("PAY_PER_REQUEST"));
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
