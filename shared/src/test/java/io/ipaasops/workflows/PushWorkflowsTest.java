package io.ipaasops.workflows;

import static io.ipaasops.testing.GitHubPayloads.AFTER;
import static io.ipaasops.testing.GitHubPayloads.CONNECTOR_ID;
import static io.ipaasops.testing.GitHubPayloads.CONNECTOR_PATH;
import static io.ipaasops.testing.GitHubPayloads.CONNECTOR_SYNCS;
import static io.ipaasops.testing.GitHubPayloads.INTEGRATION_ID;
import static io.ipaasops.testing.GitHubPayloads.INTEGRATION_PATH;
import static io.ipaasops.testing.GitHubPayloads.RELEASES;
import static io.ipaasops.testing.GitHubStub.REPOSITORY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.core.InputBinder;
import io.ipaasops.github.PushEvent;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.GitHubPayloads;
import io.ipaasops.testing.JsonAssert;
import io.ipaasops.testing.StepFunctionsStub;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A push starts the workflows whose watched file it changed, once per delivery, and says why when it starts none. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushWorkflowsTest implements TestPropertyProvider {

    private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    private final StepFunctionsStub sfn = new StepFunctionsStub();

    @Inject
    PushWorkflows workflows;

    @Inject
    InputBinder binder;

    @Override
    public Map<String, String> getProperties() {
        AwsTestEnvironment.configure();
        return GitHubPayloads.watching(sfn);
    }

    @BeforeEach
    void reset() {
        sfn.reset();
    }

    @AfterAll
    void stop() {
        sfn.close();
    }

    private PushEvent push(String json) {
        return binder.bind(json.getBytes(StandardCharsets.UTF_8), PushEvent.class);
    }

    private PushEvent push(Consumer<Map<String, Object>> edit) {
        return push(GitHubPayloads.push(edit));
    }

    @Test
    void aPushChangingTwoWatchedFilesStartsARelease() {
        // WHEN GitHub's push (Salesforce Sync's definition modified, Shopify's connector added) arrives
        PushWorkflows.Started started = workflows.start(push(GitHubPayloads.push()), DELIVERY);

        // THEN one release and one connector sync started, named for the delivery, with the documented inputs
        List<StepFunctionsStub.Start> starts = sfn.starts();
        assertEquals(List.of(StepFunctionsStub.RELEASE, StepFunctionsStub.SYNC_CONNECTOR),
                starts.stream().map(StepFunctionsStub.Start::stateMachineArn).toList());
        assertEquals(JsonAssert.parse("""
                {"integrationId":"%s","source":{"repository":"%s","path":"%s","ref":"%s"},
                 "comments":"Release Salesforce Sync 2026.11",
                 "commit":{"hash":"%s","url":"https://github.com/%s/commit/%s","repoUrl":"https://github.com/%s"},
                 "rollout":{"batchSize":5},"testFlows":[{"flowId":"SW50ZWdyYXRpb25GbG93OjE=","payload":"{}"}]}"""
                .formatted(INTEGRATION_ID, REPOSITORY, INTEGRATION_PATH, AFTER, AFTER, REPOSITORY, AFTER, REPOSITORY)),
                starts.get(0).input());
        assertEquals(JsonAssert.parse("""
                {"connectorId":"%s","source":{"repository":"%s","path":"%s","ref":"%s"}}"""
                .formatted(CONNECTOR_ID, REPOSITORY, CONNECTOR_PATH, AFTER)), starts.get(1).input());
        assertEquals(null, started.ignored());
        assertEquals(starts.stream().map(StepFunctionsStub.Start::name).toList(),
                started.started().stream().map(StartedExecution::name).toList());
        assertTrue(started.started().get(0).name().startsWith("release-" + DELIVERY + "-"));
        assertTrue(started.started().get(1).name().startsWith("sync-connector-" + DELIVERY + "-"));
        assertEquals(StepFunctionsStub.executionArn(StepFunctionsStub.RELEASE, starts.get(0).name()),
                started.started().get(0).execution());
    }

    @Test
    void aRedeliveryStartsNothingNewAndAnswersTheSameExecutions() {
        PushWorkflows.Started first = workflows.start(push(GitHubPayloads.push()), DELIVERY);
        first.started().forEach(s -> sfn.alreadyExists(s.workflow() == Workflow.RELEASE
                ? StepFunctionsStub.RELEASE : StepFunctionsStub.SYNC_CONNECTOR, s.name()));

        PushWorkflows.Started again = workflows.start(push(GitHubPayloads.push()), DELIVERY);

        assertEquals(first.started().stream().map(StartedExecution::execution).toList(),
                again.started().stream().map(StartedExecution::execution).toList());
        assertEquals(List.of(true, true), again.started().stream().map(StartedExecution::alreadyStarted).toList());
    }

    @Test
    void whatDidNotMatchIsNamedRepositoryBranchOrPath() {
        PushWorkflows.Started repository = workflows.start(push(p -> p.put("repository",
                Map.of("full_name", "octo-org/website", "html_url", "https://github.com/octo-org/website"))), DELIVERY);
        PushWorkflows.Started branch = workflows.start(push(p -> p.put("ref", "refs/heads/feature/x")), DELIVERY);
        PushWorkflows.Started path = workflows.start(push(p -> {
            p.put("commits", List.of());
            p.put("head_commit", Map.of("id", AFTER, "message", "docs", "modified", List.of("README.md")));
        }), DELIVERY);

        assertEquals("repository octo-org/website is not watched (watched: octo-org/integrations)",
                repository.ignored());
        assertEquals("branch feature/x of octo-org/integrations is not watched (watched: main)", branch.ignored());
        assertEquals("no watched path changed on main of octo-org/integrations (watched: "
                + CONNECTOR_PATH + ", " + INTEGRATION_PATH + ", integrations/slack-alerts/integration.yaml)",
                path.ignored());
        for (PushWorkflows.Started ignored : List.of(repository, branch, path)) {
            assertEquals(List.of(), ignored.started());
        }
        assertEquals(List.of(), sfn.starts());
    }

    @Test
    void aDeletedBranchOrATagStartsNothing() {
        PushWorkflows.Started deleted = workflows.start(push(p -> {
            p.put("deleted", true);
            p.put("after", "0000000000000000000000000000000000000000");
            p.put("head_commit", null);
        }), DELIVERY);
        PushWorkflows.Started tag = workflows.start(push(p -> p.put("ref", "refs/tags/v2026.11")), DELIVERY);

        assertEquals("the push deleted refs/heads/main of octo-org/integrations", deleted.ignored());
        assertEquals("refs/tags/v2026.11 of octo-org/integrations is not a branch", tag.ignored());
        assertEquals(List.of(), sfn.starts());
    }

    @Test
    void watchesComeFromTheVariablesTheStackSetsOrFromAFile() throws Exception {
        Path file = Files.createTempFile("releases", ".json");
        Files.writeString(file, RELEASES);
        // Environment variables, as Micronaut reads them on Lambda.
        PropertySource environment = PropertySource.of("env", Map.of("IPAAS_RELEASES", file.toString(),
                "IPAAS_CONNECTOR_SYNCS", CONNECTOR_SYNCS, "RELEASE_STATE_MACHINE_ARN", StepFunctionsStub.RELEASE,
                "SYNC_CONNECTOR_STATE_MACHINE_ARN", StepFunctionsStub.SYNC_CONNECTOR),
                PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE);
        try (ApplicationContext context = ApplicationContext.builder().propertySources(environment).start()) {
            List<Watch> watches = context.getBean(Watches.class).all();
            WorkflowsConfig config = context.getBean(WorkflowsConfig.class);

            assertEquals(List.of(INTEGRATION_ID, "SW50ZWdyYXRpb246c2xhY2stYWxlcnRz", CONNECTOR_ID),
                    watches.stream().map(Watch::target).toList());
            assertEquals(StepFunctionsStub.RELEASE, config.stateMachineArn(Workflow.RELEASE));
            assertEquals(StepFunctionsStub.SYNC_CONNECTOR, config.stateMachineArn(Workflow.SYNC_CONNECTOR));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void anInvalidWatchIsAConfigurationErrorNamingTheListTheEntryAndTheField() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("ipaas.workflows.releases",
                "[{\"repository\":\"a/b\",\"branch\":\"main\",\"path\":\"x.yaml\",\"integrationId\":\"i\"},"
                        + "{\"repository\":\"a/b\",\"path\":\"y.yaml\",\"integrationId\":\"j\"}]"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> context.getBean(Watches.class).all());

            assertEquals("ipaas.workflows.releases (IPAAS_RELEASES)[1]: branch is required", e.getMessage());
        }
    }
}
