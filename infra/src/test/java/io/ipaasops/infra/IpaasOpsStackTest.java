package io.ipaasops.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaasops.lambda.ActionFunction;
import io.ipaasops.core.Platform;
import io.ipaasops.functions.Actions;
import io.ipaasops.workflows.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/** The synthesized stack, checked as CloudFormation: one synthesis shared by every test (the first costs seconds). */
class IpaasOpsStackTest {

    private static IpaasOpsStack stack;
    private static Template template;
    private static CloudAssembly assembly;

    @BeforeAll
    static void synthesize() {
        // With infra/cdk.json's context (the feature flags), as `cdk deploy` synthesizes it.
        App app = IpaasOpsApp.app(null);
        stack = IpaasOpsApp.build(app);
        assembly = app.synth();
        assertFalse(assembly.getStacks().isEmpty());
        template = Template.fromStack(stack);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> resources(String type) {
        return (Map<String, Map<String, Object>>) (Object) template.findResources(type);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private static Map<String, Map<String, Object>> actionFunctions() {
        return resources("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> String.valueOf(props(e.getValue()).get("Handler")).startsWith("io.ipaasops."))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void oneFunctionPerRegisteredActionWithItsHandlerClassOnTheNewestJavaOnArm() {
        Map<String, Map<String, Object>> functions = actionFunctions();

        assertEquals(Actions.all().size(), functions.size());
        List<String> handlers = functions.values().stream().map(f -> String.valueOf(props(f).get("Handler")))
                .sorted().toList();
        assertEquals(Actions.all().stream().map(a -> a.getClass().getName()).sorted().toList(), handlers);
        for (Map<String, Object> f : functions.values()) {
            Map<String, Object> p = props(f);
            assertEquals("java25", p.get("Runtime"));
            assertEquals(List.of("arm64"), p.get("Architectures"));
            assertEquals(Map.of("ApplyOn", "PublishedVersions"), p.get("SnapStart"));
            assertFalse(String.valueOf(p.get("Handler")).contains("::"), "class name only");
            assertEquals("JSON", ((Map<?, ?>) p.get("LoggingConfig")).get("LogFormat"));
            assertEquals("INFO", ((Map<?, ?>) p.get("LoggingConfig")).get("ApplicationLogLevel"),
                    "the metrics records, JSON lines without a level, are kept");
        }
        template.resourceCountIs("AWS::Lambda::Alias", Actions.all().size());
    }

    @Test
    void memoryTimeoutAndEnvironmentFollowTheConfigAndTheAction() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.ipaasops.functions.prismatic.TestFlowFunction", "Timeout", 300, "MemorySize", 1024,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "JAVA_TOOL_OPTIONS", ActionLambda.JAVA_TOOL_OPTIONS,
                        "PRISMATIC_SECRET_ID", Match.anyValue(), "WEBHOOK_SECRET_ID", Match.anyValue(),
                        "IDEMPOTENCY_TABLE", Match.anyValue()))))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.ipaasops.functions.prismatic.GetInstanceFunction", "Timeout", 30,
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "PRISMATIC_SECRET_ID", Match.anyValue(), "IDEMPOTENCY_TABLE", Match.absent(),
                        "VERSORI_SECRET_ID", Match.absent()))))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.ipaasops.functions.versori.UpdateConnectorFunction",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "VERSORI_SECRET_ID", Match.anyValue(), "PRISMATIC_SECRET_ID", Match.absent(),
                        "IDEMPOTENCY_TABLE", Match.anyValue()))))));
    }

    @Test
    void gitHubFunctionsGetTheGitHubSecretExceptThePushWebhookWhichGetsItsWatches() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.ipaasops.functions.github.GetGitHubFileFunction",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "GITHUB_SECRET_ID", Match.anyValue(), "PRISMATIC_SECRET_ID", Match.absent(),
                        "IDEMPOTENCY_TABLE", Match.absent()))))));
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "io.ipaasops.functions.github.GitHubPushFunction",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "IPAAS_RELEASES", "[]", "IPAAS_CONNECTOR_SYNCS", "[]", "WEBHOOK_SECRET_ID", Match.anyValue(),
                        "IDEMPOTENCY_TABLE", Match.anyValue(), "GITHUB_SECRET_ID", Match.absent(),
                        "RELEASE_STATE_MACHINE_ARN", Match.anyValue(),
                        "SYNC_CONNECTOR_STATE_MACHINE_ARN", Match.anyValue()))))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void secretsAreReadableOnlyByNameByTheFunctionsThatUseThem() {
        List<String> problems = new ArrayList<>();
        int secretStatements = 0;
        for (Map.Entry<String, Map<String, Object>> policy : resources("AWS::IAM::Policy").entrySet()) {
            Map<String, Object> document = (Map<String, Object>) props(policy.getValue()).get("PolicyDocument");
            for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                Object actions = statement.get("Action");
                if (!String.valueOf(actions).contains("secretsmanager:")) {
                    continue;
                }
                secretStatements++;
                Object resource = statement.get("Resource");
                if (String.valueOf(resource).equals("*") || !String.valueOf(resource).contains("Ref")) {
                    problems.add(policy.getKey() + " reads secrets on " + resource);
                }
            }
            String text = String.valueOf(document);
            long platforms = List.of("PrismaticSecret", "VersoriSecret", "GitHubSecret").stream()
                    .filter(text::contains).count();
            if (platforms > 1) {
                problems.add(policy.getKey() + " can read several platforms' secrets");
            }
        }
        assertEquals(List.of(), problems);
        // Each function reads its platform's secret and the webhook secret; GitHub's push webhook and the workflows'
        // own steps (platform workflow) only the latter.
        long withoutPlatformSecret = 1 + Actions.all().stream().filter(a -> a.platform() == Platform.WORKFLOW).count();
        assertEquals(2 * Actions.all().size() - withoutPlatformSecret, secretStatements);
    }

    @Test
    void webhookRoutesForEveryActionWithThrottlingAndAccessLogs() {
        template.resourceCountIs("AWS::ApiGatewayV2::Route", Actions.all().size());
        template.hasResourceProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of(
                "RouteKey", "POST /github/push")));
        for (ActionFunction<?, ?> action : Actions.all()) {
            template.hasResourceProperties("AWS::ApiGatewayV2::Route", Match.objectLike(Map.of(
                    "RouteKey", "POST " + action.route())));
        }
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "StageName", "$default",
                "DefaultRouteSettings", Match.objectLike(Map.of("ThrottlingRateLimit", 50, "ThrottlingBurstLimit", 100)),
                "AccessLogSettings", Match.objectLike(Map.of("DestinationArn", Match.anyValue())))));
    }

    @Test
    void schedulesFromTheConfigStartTheirWorkflowWithTheirInput() {
        template.resourceCountIs("AWS::Events::Rule", 2);
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "rate(1 hour)",
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("^WorkflowsDeployFleet.*")),
                        "Input", "{\"maxConcurrency\":10}")))))));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "cron(0 2 * * ? *)",
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Arn", Map.of("Ref", Match.stringLikeRegexp("^WorkflowsNightlyTests.*")))))))));
    }

    @Test
    void everyWorkflowIsAStandardStateMachineFromItsDefinitionLoggedAndTraced() {
        template.resourceCountIs("AWS::StepFunctions::StateMachine", Workflow.values().length);
        for (Workflow workflow : Workflow.values()) {
            template.hasResourceProperties("AWS::StepFunctions::StateMachine", Match.objectLike(Map.of(
                    "StateMachineName", "ipaas-ops-" + workflow.id(),
                    "StateMachineType", "STANDARD",
                    "TracingConfiguration", Map.of("Enabled", true),
                    "LoggingConfiguration", Match.objectLike(Map.of("Level", "ALL", "IncludeExecutionData", true)),
                    // The definition is the file itself; its placeholders are substituted with the live aliases.
                    "DefinitionSubstitutions", Match.objectLike(Map.of("AlertTopic", Match.anyValue())))));
        }
        String release = String.valueOf(template.findResources("AWS::StepFunctions::StateMachine", Match.objectLike(
                Map.of("Properties", Match.objectLike(Map.of("StateMachineName", "ipaas-ops-release"))))));
        assertTrue(release.matches("(?s).*\"Mode\": *\"DISTRIBUTED\".*"), "the rollout is a Distributed Map");
        template.hasResourceProperties("AWS::SNS::Topic", Match.objectLike(Map.of("KmsMasterKeyId", Match.anyValue())));
        // The alarms on the workflows (OperationsTest has what each counts).
        for (String metric : List.of("NightlyTestFailures", "ExecutionsFailed")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of("MetricStat", Match.objectLike(Map.of(
                            "Metric", Match.objectLike(Map.of("MetricName", metric)))))))))));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theRolloutsReadTheirTargetsFromTheBucketAndWriteTheirResultsThereUnderTheirOwnPrefix() {
        for (Workflow workflow : List.of(Workflow.RELEASE, Workflow.DEPLOY_FLEET)) {
            Map<String, Object> machine = props(machine(workflow));
            Map<String, Object> definition = definition(workflow);
            Map<String, Object> map = distributedMap((Map<String, Object>) definition.get("States"));

            assertEquals(Map.of("Ref", bucketId()), ((Map<?, ?>) machine.get("DefinitionSubstitutions"))
                    .get("WorkflowBucket"), workflow + " gets the bucket");
            assertEquals(Map.of("Resource", "arn:aws:states:::s3:getObject", "ReaderConfig", Map.of("InputType",
                    "JSON"), "Parameters", Map.of("Bucket.$", "$.fleet.targets.bucket", "Key.$",
                    "$.fleet.targets.key")), map.get("ItemReader"));
            assertEquals(Map.of("Resource", "arn:aws:states:::s3:putObject", "Parameters", Map.of("Bucket",
                    "${WorkflowBucket}", "Prefix.$", "States.Format('" + workflow.id()
                    + "/{}/results', $$.Execution.Name)")), map.get("ResultWriter"));
            assertEquals("$.fleet.batchSize", ((Map<?, ?>) map.get("ItemBatcher")).get("MaxItemsPerBatchPath"),
                    "the planner sizes the batches");
            assertFalse(map.containsKey("ItemsPath"), "no item list in the state");
        }
        for (Workflow workflow : List.of(Workflow.NIGHTLY_TESTS, Workflow.SYNC_CONNECTOR)) {
            assertFalse(((Map<?, ?>) props(machine(workflow)).get("DefinitionSubstitutions"))
                    .containsKey("WorkflowBucket"), workflow + " keeps no data in S3");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theWorkflowDataBucketIsPrivateTlsOnlyEncryptedAndExpiresItsObjects() {
        Map<String, Object> bucket = resources("AWS::S3::Bucket").get(bucketId());
        Map<String, Object> p = props(bucket);

        assertEquals(Map.of("ServerSideEncryptionConfiguration", List.of(Map.of("ServerSideEncryptionByDefault",
                Map.of("SSEAlgorithm", "AES256")))), p.get("BucketEncryption"));
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                "RestrictPublicBuckets", true), p.get("PublicAccessBlockConfiguration"));
        assertEquals(Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))),
                p.get("OwnershipControls"));
        assertEquals(Map.of("Rules", List.of(Map.of("Id", "expire-workflow-data", "Status", "Enabled",
                "ExpirationInDays", WorkflowData.EXPIRY_DAYS, "AbortIncompleteMultipartUpload",
                Map.of("DaysAfterInitiation", 1)))), p.get("LifecycleConfiguration"));
        assertEquals("Retain", bucket.get("DeletionPolicy"));
        String policy = String.valueOf(resources("AWS::S3::BucketPolicy").values().stream()
                .filter(b -> String.valueOf(props(b).get("Bucket")).contains(bucketId())).findFirst().orElseThrow());
        assertTrue(policy.contains("aws:SecureTransport=false") && policy.contains("s3:TlsVersion=1.2"), policy);
        assertTrue(String.valueOf(bucket.get("Metadata")).contains("AwsSolutions-S1"), "S1 suppressed with a reason");
        template.hasOutput("WorkflowDataBucketName", Match.objectLike(Map.of("Value", Map.of("Ref", bucketId()))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheRolloutMachinesPlanRolloutAndSummarizeRolloutMayUseTheBucketEachUnderItsWorkflowsPrefix() {
        Map<String, List<String>> grants = new java.util.TreeMap<>();
        for (Map<String, Object> policy : resources("AWS::IAM::Policy").values()) {
            String role = String.valueOf(((List<Map<String, Object>>) props(policy).get("Roles")).get(0).get("Ref"))
                    .replaceAll("[0-9A-F]{8}$", "");
            Map<String, Object> document = (Map<String, Object>) props(policy).get("PolicyDocument");
            for (Map<String, Object> statement : (List<Map<String, Object>>) document.get("Statement")) {
                if (String.valueOf(statement.get("Action")).contains("s3:")) {
                    String resource = String.valueOf(statement.get("Resource"));
                    String prefix = resource.contains("/release/*") ? "release/*"
                            : resource.contains("/deploy-fleet/*") ? "deploy-fleet/*"
                            : "bucket if " + statement.get("Condition");
                    assertTrue(resource.contains(bucketId()), role + " may use only the workflow bucket: " + resource);
                    grants.computeIfAbsent(role, r -> new ArrayList<>()).add(statement.get("Action") + " " + prefix);
                }
            }
        }

        String objects = "[s3:GetObject, s3:PutObject, s3:ListMultipartUploadParts, s3:AbortMultipartUpload] ";
        assertEquals(Map.of(
                "PlanRolloutRole", List.of("s3:PutObject release/*", "s3:PutObject deploy-fleet/*"),
                "SummarizeRolloutRole", List.of("[s3:GetObject, s3:PutObject] release/*",
                        "s3:ListBucket bucket if {StringLike={s3:prefix=release/*}}",
                        "[s3:GetObject, s3:PutObject] deploy-fleet/*",
                        "s3:ListBucket bucket if {StringLike={s3:prefix=deploy-fleet/*}}"),
                "WorkflowsReleaseRole", List.of(objects + "release/*"),
                "WorkflowsDeployFleetRole", List.of(objects + "deploy-fleet/*")), grants);
        assertEquals(java.util.Set.of("plan-rollout", "summarize-rollout"),
                WorkflowMachines.tasksGiven(Workflow.RELEASE, WorkflowData.PLACEHOLDER));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> definition(Workflow workflow) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(workflow.definition(), Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String bucketId() {
        return resources("AWS::S3::Bucket").keySet().stream().filter(k -> k.startsWith("WorkflowsDataBucket"))
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> machine(Workflow workflow) {
        return resources("AWS::StepFunctions::StateMachine").values().stream()
                .filter(m -> ("ipaas-ops-" + workflow.id()).equals(props(m).get("StateMachineName"))).findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> distributedMap(Map<String, Object> states) {
        return states.values().stream().map(s -> (Map<String, Object>) s)
                .filter(s -> String.valueOf(s.get("ItemProcessor")).contains("DISTRIBUTED")).findFirst()
                .orElseThrow();
    }

    @Test
    void queueDrivenActionsGetAQueueWithADeadLetterQueuePartialBatchesAndAnAlarm() {
        template.resourceCountIs("AWS::SQS::Queue", 6);
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 3);
        template.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", 5)), "VisibilityTimeout", 360)));
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"), "BatchSize", 10)));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible", "Threshold", 1)));
    }

    @Test
    void idempotencyTableIsOnDemandWithTtlAndPointInTimeRecovery() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")),
                "BillingMode", "PAY_PER_REQUEST",
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))));
    }

    @Test
    void everyFunctionHasErrorAndThrottleAlarmsAndTheStackHasItsOutputs() {
        // Errors and throttles per function, a dead-letter alarm per queue, a failed release, failing nightly tests,
        // Prismatic's error rate.
        template.resourceCountIs("AWS::CloudWatch::Alarm", 2 * Actions.all().size() + 3 + 2 + 1);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("MetricName", "Throttles")));
        for (String output : List.of("ApiUrl", "PrismaticSecretName", "VersoriSecretName", "GitHubSecretName",
                "WebhookSecretName", "ReleaseStateMachineArn", "DeployFleetStateMachineArn",
                "NightlyTestsStateMachineArn", "SyncConnectorStateMachineArn", "AlertTopicArn",
                "IdempotencyTableName", "DeployInstanceQueueUrl", "DashboardName", "WorkflowDataBucketName")) {
            template.hasOutput(output, Match.anyValue());
        }
    }

    @Test
    void cdkNagReallyChecksSoItsSilenceMeansSomething() {
        App app = new App();
        software.amazon.awscdk.Stack probe = new software.amazon.awscdk.Stack(app, "Probe");
        new software.amazon.awscdk.services.sqs.Queue(probe, "PlainQueue");
        software.amazon.awscdk.Aspects.of(app).add(new io.github.cdklabs.cdknag.AwsSolutionsChecks());
        app.synth();

        assertFalse(Annotations.fromStack(probe).findError("*", Match.stringLikeRegexp("AwsSolutions-SQS.*"))
                .isEmpty());
    }

    @Test
    void everySuppressionCarriesASpecificReason() {
        String text = template.toJSON().toString();
        assertTrue(text.contains("AwsSolutions-APIG4") && text.contains("HMAC-SHA256 signature"), "APIG4 reason");
        assertTrue(text.contains("AwsSolutions-SMG4") && text.contains("cannot be rotated by a Lambda"), "SMG4 reason");
    }

    @Test
    void cdkNagAwsSolutionsReportsNoErrors() {
        var errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));

        assertEquals(List.of(), errors.stream().map(e -> e.getId() + ": " + e.getEntry().getData()).toList());
        assertTrue(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")).size()
                < 50, "warnings stay few");
    }

    @Test
    void snapStartWarnsNothingBecauseEveryFunctionPublishesTheVersionItsAliasInvokes() {
        var warnings = Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp(".*SnapStart.*"));

        assertEquals(List.of(), warnings.stream().map(w -> w.getId() + ": " + w.getEntry().getData()).toList());
        template.resourceCountIs("AWS::Lambda::Version", Actions.all().size());
        for (Map<String, Object> alias : resources("AWS::Lambda::Alias").values()) {
            assertTrue(String.valueOf(props(alias).get("FunctionVersion")).contains("CurrentVersion"),
                    "the alias points at the published current version: " + props(alias));
        }
    }

    @Test
    void noFeatureFlagIsLeftForTheCdkCliToReportAsUnconfigured() {
        assertEquals(List.of(), FeatureFlagReport.needingAttention(Path.of(assembly.getDirectory())));
    }

    @Test
    void lambdaDoesNotReRunAFailedAsynchronousChange() {
        long changing = Actions.all().stream().filter(a -> a.effect() == ActionFunction.Effect.WRITE).count();

        Map<String, Map<String, Object>> configs = template.findResources("AWS::Lambda::EventInvokeConfig",
                Map.of("Properties", Map.of("MaximumRetryAttempts", 0)));

        assertEquals(changing, configs.size());
        assertEquals(12, changing);
    }
}
