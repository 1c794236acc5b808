package io.ipaasops.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.ipaasops.testing.AwsTestEnvironment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/** On Lambda credentials are named, not searched for; SnapStart's come from the container endpoint. */
class AwsEnvironmentTest {

    private static AwsEnvironment env(Map<String, String> variables) {
        return new AwsEnvironment(variables::get);
    }

    private static final Map<String, String> ON_DEMAND = Map.of("AWS_LAMBDA_FUNCTION_NAME", "f",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand", "AWS_ACCESS_KEY_ID", "ASIA", "AWS_SECRET_ACCESS_KEY", "s",
            "AWS_SESSION_TOKEN", "t", "AWS_REGION", "eu-west-1");

    @Test
    void anOnDemandLambdaUsesItsVariables() {
        assertInstanceOf(EnvironmentVariableCredentialsProvider.class, env(ON_DEMAND).credentials());
    }

    @Test
    void snapStartUsesTheContainerEndpointEvenWhenInitHadVariables() {
        Map<String, String> snapStart = new java.util.HashMap<>(ON_DEMAND);
        snapStart.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        snapStart.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9001/2021-04-23/credentials");
        assertInstanceOf(ContainerCredentialsProvider.class, env(snapStart).credentials());
    }

    @Test
    void offLambdaTheSdkChainDecides() {
        assertInstanceOf(DefaultCredentialsProvider.class, env(Map.of("AWS_ACCESS_KEY_ID", "A",
                "AWS_SECRET_ACCESS_KEY", "s")).credentials());
    }

    @Test
    void endpointsComeFromConfigurationTheStandardVariablesOrTheRegion() {
        AwsEnvironment environment = env(Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://localhost:8000",
                "AWS_ENDPOINT_URL", "http://localhost:4566"));
        assertEquals(URI.create("http://override:1/"), environment.endpoint("http://override:1", "DYNAMODB",
                "dynamodb"));
        assertEquals(URI.create("http://localhost:8000/"), environment.endpoint(null, "DYNAMODB", "dynamodb"));
        assertEquals(URI.create("http://localhost:4566/"), environment.endpoint("", "SECRETS_MANAGER",
                "secretsmanager"));
        AwsTestEnvironment.configure();
        assertEquals(URI.create("https://secretsmanager." + AwsTestEnvironment.REGION + ".amazonaws.com/"),
                env(Map.of()).endpoint(null, "SECRETS_MANAGER", "secretsmanager"));
    }
}
