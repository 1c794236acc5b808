package io.ipaasops.functions;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What CDK uploads, {@code ipaas-ops-lambda.jar}: every handler the stack deploys is in it, with its bean
 * definitions, and the local host, sandbox, graphql-java and the sandbox's YAML parser and MessagePack writer are
 * not (decisions 0016, 0017, 0023); at most 15 MB (decision 0025).
 */
class LambdaJarIT {

    private static final Path JAR = Path.of(System.getProperty("ipaasops.lambda.jar", "target/ipaas-ops-lambda.jar"));

    @Test
    void everyDeployedHandlerIsInTheLambdaJar() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertAll(Actions.all().stream().map(action -> () -> assertNotNull(
                    jar.getEntry(action.getClass().getName().replace('.', '/') + ".class"),
                    action.name() + "'s handler " + action.getClass().getName())));
            assertNotNull(jar.getEntry("META-INF/micronaut/io.micronaut.inject.BeanDefinitionReference/"
                    + "io.ipaasops.prismatic.$PrismaticClient$Definition"), "the Prismatic client's bean definition");
            assertNotNull(jar.getEntry("io/ipaasops/lambda/first-call-classes.txt"), "SnapStart's class list");
        }
    }

    @Test
    void lambdaJarIsAtMost15MbWithNoAwsServiceModule() throws IOException {
        assertTrue(Files.size(JAR) <= 15_000_000L, "the Lambda jar is " + Files.size(JAR) + " bytes");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            // Secrets Manager and DynamoDB are called through the SDK's signer (decision 0025).
            assertEquals(List.of(), Collections.list(jar.entries()).stream().map(ZipEntry::getName)
                    .filter(n -> n.startsWith("software/amazon/awssdk/services/secretsmanager/")
                            || n.startsWith("software/amazon/awssdk/services/dynamodb/")).limit(3).toList());
        }
    }

    @Test
    void lambdaJarLeavesOutTheLocalToolsAndUnusedBeans() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
            assertEquals(List.of(), names.stream().filter(n -> n.startsWith("io/ipaasops/sandbox/")
                    || n.startsWith("io/ipaasops/local/")
                    || n.startsWith("graphql/") || n.startsWith("org/snakeyaml/") || n.startsWith("org/msgpack/"))
                    .toList());
            assertTrue(names.stream().noneMatch(n -> n.contains("BeanDefinitionReference/io.micronaut.health.")),
                    "health-check beans are trimmed");
        }
    }
}
