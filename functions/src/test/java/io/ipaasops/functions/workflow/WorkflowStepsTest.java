package io.ipaasops.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.ValidationException;
import io.ipaasops.functions.Actions;
import io.ipaasops.testing.JsonAssert;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The workflows' own steps: a release's plan and the one report, as the state machines call them. */
@MicronautTest
class WorkflowStepsTest {

    @Inject
    ActionInvoker invoker;

    private String run(String action, String input) {
        return new String(invoker.invoke(Actions.named(action).orElseThrow(), input.getBytes(StandardCharsets.UTF_8),
                Deadline.in(Duration.ofSeconds(10))), StandardCharsets.UTF_8);
    }

    @Test
    void aReleasePlanSettlesTheDefaultsAndTurnsTheCommitIntoAttributes() {
        String plan = run("plan-release", "{\"integrationId\":\"i\",\"source\":{\"repository\":\"acme/int\","
                + "\"path\":\"sync.yml\",\"ref\":\"9f1c2ab\"},\"commit\":{\"hash\":\"9f1c2ab\",\"url\":\"u\"}}");

        JsonAssert.assertContains("{\"fetch\":true,\"attributes\":{\"commitHash\":\"9f1c2ab\",\"commitUrl\":\"u\"},"
                + "\"rollout\":{\"maxConcurrency\":10,\"stopOnFailure\":false},\"testFlows\":[]}", plan);
        assertTrue(!plan.contains("pullRequestUrl"), "attributes only where set: " + plan);
    }

    @Test
    void aReleasePlanRefusesBothOrNeitherSourceAndABadConcurrencyNamingTheFields() {
        ValidationException neither = assertThrows(ValidationException.class,
                () -> run("plan-release", "{\"integrationId\":\"i\"}"));
        ValidationException tooFast = assertThrows(ValidationException.class, () -> run("plan-release",
                "{\"integrationId\":\"i\",\"definition\":\"name: x\",\"rollout\":{\"maxConcurrency\":0}}"));

        assertEquals("definition", neither.fields().get(0).field());
        assertEquals("rollout.maxConcurrency", tooFast.fields().get(0).field());
    }

    @Test
    void aFleetPlanGivesPlanRolloutItsFiltersEveryOneOfThemPresentForTheStateMachine() {
        String plan = run("plan-fleet", "{\"customer\":\"Q3VzdG9tZXI6MQ==\"}");

        JsonAssert.assertContains("{\"filters\":{\"needsDeploy\":true,\"integration\":null,"
                + "\"customer\":\"Q3VzdG9tZXI6MQ==\"},\"rollout\":{\"maxConcurrency\":10,\"stopOnFailure\":false}}",
                plan);
        assertTrue(plan.contains("\"integration\":null"), "a JSONPath reads a null, never a missing field: " + plan);
    }

    @Test
    void theReportFlattensBatchesAndJudgesTheOutcome() {
        String partial = run("summarize-rollout", "{\"version\":{\"id\":\"v5\",\"versionNumber\":5},"
                + "\"canary\":[{\"instanceId\":\"c1\",\"status\":\"deployed\"}],"
                + "\"rest\":[[{\"instanceId\":\"r1\",\"status\":\"deployed\"},{\"instanceId\":\"r2\",\"status\":\"failed\","
                + "\"error\":{\"Error\":\"io.ipaasops.core.ConflictException\",\"Cause\":\"refused\"}}]],"
                + "\"testFlows\":[{\"flow\":{\"id\":\"f1\"},\"executionId\":\"e1\",\"finished\":true,\"execution\":"
                + "{\"id\":\"e1\",\"status\":\"SUCCESS\",\"startedAt\":\"2026-12-01T10:00:00Z\","
                + "\"endedAt\":\"2026-12-01T10:00:02.5Z\"}}]}");
        String succeeded = run("summarize-rollout", "{\"rest\":[[{\"instanceId\":\"r1\",\"status\":\"deployed\"}]]}");
        String failed = run("summarize-rollout", "{\"testFlows\":[{\"flowId\":\"f\",\"error\":{\"Error\":\"x\"}}]}");

        JsonAssert.assertContains("{\"overall\":\"PARTIAL\",\"versionId\":\"v5\",\"versionNumber\":5,\"failedCount\":1,"
                + "\"instances\":[{\"instanceId\":\"c1\",\"canary\":true},{\"instanceId\":\"r1\",\"canary\":false},"
                + "{\"instanceId\":\"r2\",\"status\":\"failed\",\"error\":\"io.ipaasops.core.ConflictException: refused\"}],"
                + "\"testFlows\":[{\"flowId\":\"f1\",\"executionId\":\"e1\",\"status\":\"SUCCESS\",\"durationMs\":2500}]}",
                partial);
        JsonAssert.assertContains("{\"overall\":\"SUCCEEDED\",\"failedCount\":0}", succeeded);
        JsonAssert.assertContains("{\"overall\":\"FAILED\",\"testFlows\":[{\"status\":\"FAILED_TO_RUN\"}]}", failed);
    }

    @Test
    void theConnectorSyncReportSaysPerConnectionWhichVariablesDidNotArriveByNameOnly() {
        String report = run("summarize-connector-sync", "{\"connector\":{\"id\":\"c\",\"name\":\"Shopify\"},"
                + "\"expected\":[{\"name\":\"shop\",\"value\":\"acme\"},{\"name\":\"token\",\"value\":\"s3cr3t\"}],"
                + "\"connections\":[{\"id\":\"1\",\"name\":\"prod\",\"variables\":[{\"name\":\"shop\",\"value\":\"acme\"},"
                + "{\"name\":\"token\",\"value\":\"s3cr3t\"}]},"
                + "{\"id\":\"2\",\"name\":\"staging\",\"variables\":[{\"name\":\"shop\",\"value\":\"acme\"}]},"
                + "{\"id\":\"3\",\"name\":\"eu\",\"variables\":[{\"name\":\"shop\",\"value\":\"acme-eu\"},"
                + "{\"name\":\"token\",\"value\":\"s3cr3t\"}]},"
                + "{\"id\":\"4\",\"name\":\"us\",\"error\":{\"Error\":\"io.ipaasops.core.NotFoundException\","
                + "\"Cause\":\"gone\"}}]}");

        JsonAssert.assertContains("{\"overall\":\"PARTIAL\",\"failedCount\":3,\"variables\":[\"shop\",\"token\"],"
                + "\"connector\":{\"id\":\"c\",\"name\":\"Shopify\"},\"connections\":["
                + "{\"connectionId\":\"1\",\"status\":\"synced\",\"missing\":[],\"different\":[],\"extra\":[]},"
                + "{\"connectionId\":\"2\",\"status\":\"missing\",\"missing\":[\"token\"]},"
                + "{\"connectionId\":\"3\",\"status\":\"different\",\"different\":[\"shop\"]},"
                + "{\"connectionId\":\"4\",\"status\":\"failed\","
                + "\"error\":\"io.ipaasops.core.NotFoundException: gone\"}]}", report);
        assertTrue(!report.contains("acme") && !report.contains("s3cr3t"), "names only: " + report);
    }

    @Test
    void aConnectorSyncIsFailedWhenNoConnectionGotTheVariablesAndUncheckedWithoutThem() {
        String failed = run("summarize-connector-sync", "{\"expected\":[{\"name\":\"shop\",\"value\":\"a\"}],"
                + "\"connections\":[{\"id\":\"1\",\"name\":\"prod\",\"variables\":[]}]}");
        String extra = run("summarize-connector-sync", "{\"expected\":[],"
                + "\"connections\":[{\"id\":\"1\",\"name\":\"prod\",\"variables\":[{\"name\":\"old\",\"value\":\"x\"}]}]}");
        String unchecked = run("summarize-connector-sync", "{\"connections\":[{\"id\":\"1\",\"name\":\"prod\","
                + "\"createdAt\":\"2024-10-10T12:00:00Z\",\"updatedAt\":\"2024-10-10T12:00:00Z\"}]}");
        String none = run("summarize-connector-sync", "{\"expected\":[{\"name\":\"shop\",\"value\":\"a\"}],"
                + "\"connections\":[]}");

        JsonAssert.assertContains("{\"overall\":\"FAILED\",\"connections\":[{\"status\":\"missing\","
                + "\"missing\":[\"shop\"]}]}", failed);
        JsonAssert.assertContains("{\"overall\":\"FAILED\",\"connections\":[{\"status\":\"different\","
                + "\"extra\":[\"old\"]}]}", extra);
        JsonAssert.assertContains("{\"overall\":\"SUCCEEDED\",\"variables\":null,\"failedCount\":0,"
                + "\"connections\":[{\"connectionId\":\"1\",\"status\":\"unchanged\"}]}", unchecked);
        JsonAssert.assertContains("{\"overall\":\"SUCCEEDED\",\"connections\":[]}", none);
    }

    @Test
    void aConnectorSyncReportRefusesAVariableWithoutAValueNamingTheField() {
        ValidationException e = assertThrows(ValidationException.class, () -> run("summarize-connector-sync",
                "{\"expected\":[{\"name\":\"shop\"}],\"connections\":[]}"));

        assertTrue(e.fields().get(0).field().startsWith("expected"), e.fields()::toString);
    }
}
