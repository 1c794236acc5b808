package io.ipaasops.testing;

/** Region and credentials for the AWS SDK clients that tests point at local stubs; nothing reaches AWS. */
public final class AwsTestEnvironment {

    /** The region tests use. */
    public static final String REGION = "eu-west-1";

    private AwsTestEnvironment() {
    }

    /** Sets the SDK's system properties (the environment of a test JVM cannot be changed). */
    public static void configure() {
        System.setProperty("aws.region", REGION);
        System.setProperty("aws.accessKeyId", "AKIATESTTESTTESTTEST");
        System.setProperty("aws.secretAccessKey", "test-secret-access-key");
    }
}
