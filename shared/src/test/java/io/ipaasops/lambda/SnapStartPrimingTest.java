package io.ipaasops.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.prismatic.PrismaticClient;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.testing.SecretsManagerStub;
import io.micronaut.context.ApplicationContext;
import io.micronaut.crac.test.CheckpointSimulator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming runs the start-up paths before the snapshot without fetching any credential. */
class SnapStartPrimingTest {

    @Test
    void primingBuildsTheClientsWithoutAnyCallAndTheFirstCallAfterRestoreWorks() {
        try (PrismaticStub prismatic = new PrismaticStub();
             ApplicationContext context = FunctionRuntime.start(Map.of("crac.enabled", true,
                     "prismatic.url", prismatic.url(), "prism.refresh-token", PrismaticStub.REFRESH_TOKEN), "test")) {
            CheckpointSimulator snapshot = context.getBean(CheckpointSimulator.class);

            snapshot.runBeforeCheckpoint();

            assertTrue(context.findBean(SnapStartPriming.class).isPresent());
            assertEquals(0, prismatic.server().getAllServeEvents().size(), "nothing was sent before the snapshot");

            snapshot.runAfterRestore();
            prismatic.stubData("customer", "{\"customer\":{\"id\":\"c\",\"name\":\"Acme\"}}");
            assertEquals("Acme", context.getBean(PrismaticClient.class).customer("c").name());
            assertEquals(1, prismatic.tokenRequests().size(), "the token was fetched after restore, once");
        }
    }

    @Test
    void primingLoadsTheAwsPathsAndTheClassListWithoutReadingASecretOrTheTable() {
        AwsTestEnvironment.configure();
        try (PrismaticStub prismatic = new PrismaticStub();
             SecretsManagerStub secrets = new SecretsManagerStub();
             ApplicationContext context = FunctionRuntime.start(Map.of("crac.enabled", true,
                     "prismatic.url", prismatic.url(), "prismatic.secret-id", "ipaas/prismatic",
                     "ipaas.secrets-manager.endpoint", secrets.url(), "idempotency.table", "ipaas-idempotency",
                     "ipaas.dynamodb.endpoint", secrets.url()), "test")) {
            secrets.stubSecret("ipaas/prismatic", "{\"refreshToken\":\"" + PrismaticStub.REFRESH_TOKEN + "\"}");

            context.getBean(CheckpointSimulator.class).runBeforeCheckpoint();

            assertEquals(0, secrets.server().getAllServeEvents().size(), "no secret read, no table call");
            assertEquals(0, prismatic.server().getAllServeEvents().size());
            assertTrue(SnapStartPriming.loadClassList() > 300, "the class list loads on this JVM too");
            prismatic.stubData("customer", "{\"customer\":{\"id\":\"c\",\"name\":\"Acme\"}}");
            assertEquals("Acme", context.getBean(PrismaticClient.class).customer("c").name());
            assertEquals(1, secrets.reads("ipaas/prismatic"), "the secret was read after restore, once");
        }
    }

    @Test
    void primingIsOffOutsideSnapStart() {
        try (ApplicationContext context = FunctionRuntime.start()) {
            assertTrue(context.findBean(SnapStartPriming.class).isEmpty());
        }
    }
}
