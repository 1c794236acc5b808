package io.ipaasops.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.ipaasops.core.ActionException;
import io.ipaasops.core.ActionInvoker;
import io.ipaasops.core.Deadline;
import io.ipaasops.core.FieldError;
import io.ipaasops.functions.Actions;
import io.ipaasops.functions.PrismaticCases;
import io.ipaasops.functions.prismatic.PlanRolloutFunction;
import io.ipaasops.prismatic.PrismaticAuth;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.testing.JsonAssert;
import io.ipaasops.testing.PrismaticStub;
import io.ipaasops.testing.S3Stub;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A big fleet's data on the wire: plan-rollout writes the targets to S3, summarize-rollout reads what the
 * Distributed Map's ResultWriter wrote and answers within Step Functions' 256 KB whatever the fleet.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "prism.refresh-token", value = PrismaticStub.REFRESH_TOKEN)
class BigFleetTest implements TestPropertyProvider {

    /** Step Functions' limit on a state's input or output, and so on an execution's answer. */
    static final int STATE_LIMIT = 256 * 1024;
    private static final String BUCKET = "ipaas-ops-workflow-data";
    private static final String TARGETS = "release/rel-1/targets.json";
    private static final String REPORT = "release/rel-1/report.json";

    private final PrismaticStub prismatic = new PrismaticStub();
    private final S3Stub s3 = new S3Stub();

    @Inject
    ActionInvoker invoker;

    @Inject
    PrismaticAuth auth;

    @Override
    public Map<String, String> getProperties() {
        AwsTestEnvironment.configure();
        return Map.of("prismatic.url", prismatic.url(), "ipaas.s3.endpoint", s3.url());
    }

    @BeforeEach
    void reset() {
        prismatic.reset();
        s3.reset();
        auth.invalidate(prismatic.accessToken());
    }

    @AfterEach
    void everyDocumentWasValidAgainstPrismaticSchema() {
        assertEquals(List.of(), prismatic.graphQlProblems());
    }

    @AfterAll
    void stop() {
        prismatic.close();
        s3.close();
    }

    private String run(String action, String input) {
        return new String(invoker.invoke(Actions.named(action).orElseThrow(), input.getBytes(StandardCharsets.UTF_8),
                Deadline.in(Duration.ofSeconds(60))), StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void planRolloutWritesTheRestToS3SignedAndAnswersOnlyWhereItIsAndTheCanary() {
        // GIVEN an integration with one canary instance and two others
        prismatic.stubData("listInstances", instances(List.of(instance("c1", "eu"), instance("r1", "us"),
                instance("r2", "us"))));

        // WHEN the release plans its rollout into the workflow bucket
        String plan = run("plan-rollout", "{\"versionSequenceId\":\"3fa37001-0000-4000-8000-000000000001\","
                + "\"canaryLabel\":\"eu\",\"targets\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + TARGETS + "\"}}");

        // THEN the answer has the canary and where the rest is; the rest is in S3, written once and signed for S3
        JsonAssert.assertContains("{\"canary\":[{\"id\":\"" + id("c1") + "\"}],\"rest\":null,\"restCount\":2,"
                + "\"total\":3,\"targets\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + TARGETS + "\"}}", plan);
        List<Map<String, Object>> stored = (List<Map<String, Object>>) JsonAssert.parse(
                s3.object(BUCKET, TARGETS).orElseThrow());
        assertEquals(List.of(id("r1"), id("r2")), stored.stream().map(t -> t.get("id")).toList());
        List<LoggedRequest> puts = s3.requests("PUT", BUCKET, TARGETS);
        assertEquals(1, puts.size());
        assertSignedForS3(puts.get(0));
        assertEquals("application/json", puts.get(0).getHeader("Content-Type"));
    }

    @Test
    void aFleetDeployPlansByItsFiltersAndAPlanWithoutAnyFilterIsRefusedNamingTheField() {
        prismatic.stubData("listInstances", instances(List.of(instance("r1", "us"))));

        String plan = run("plan-rollout", "{\"needsDeploy\":true,\"customer\":\"Q3VzdG9tZXI6MQ==\",\"integration\":null,"
                + "\"targets\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"deploy-fleet/f-1/targets.json\"}}");
        ActionException unfiltered = assertThrows(ActionException.class, () -> run("plan-rollout",
                "{\"canaryLabel\":\"eu\"}"));
        ActionException badBucket = assertThrows(ActionException.class, () -> run("plan-rollout",
                "{\"needsDeploy\":true,\"targets\":{\"bucket\":\"Not_A_Bucket\",\"key\":\"k\"}}"));

        JsonAssert.assertContains("{\"restCount\":1,\"total\":1}", plan);
        assertEquals(Map.of("needsDeploy", true, "customer", "Q3VzdG9tZXI6MQ==", "first", 100, "sortBy",
                List.of(Map.of("field", "CREATED_AT", "direction", "ASC"))),
                PrismaticStub.variables(prismatic.requests("listInstances").get(0)));
        assertEquals(new FieldError("versionSequenceId", "is required"), unfiltered.fields().get(0));
        assertEquals("targets.bucket", badBucket.fields().get(0).field());
        assertEquals(1, prismatic.requests("listInstances").size(), "nothing is read for a refused plan");
        assertEquals(1, s3.requests().size());
    }

    @Test
    void aCanaryLargerThanTheExecutionCanHoldIsRefusedNamingTheLabelBeforeAnythingIsWritten() {
        prismatic.stubData("listInstances", instances(IntStream.range(0, PlanRolloutFunction.MAX_CANARY + 1)
                .mapToObj(i -> instance("c" + i, "eu")).toList()));

        ActionException e = assertThrows(ActionException.class, () -> run("plan-rollout",
                "{\"versionSequenceId\":\"3fa37001-0000-4000-8000-000000000001\",\"canaryLabel\":\"eu\","
                        + "\"targets\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + TARGETS + "\"}}"));

        assertEquals("canaryLabel", e.fields().get(0).field());
        assertTrue(e.fields().get(0).message().contains("101 instances"), e.fields().get(0).message());
        assertEquals(List.of(), s3.requests());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTenThousandInstanceReportAnswersUnder256KbAndItsFullReportInS3HasEveryInstance() {
        // GIVEN a rollout of 10,000 instances whose map wrote its results, 250 of them not deployed
        Fleet fleet = Fleet.of(10_000, 200, 50);
        fleet.store(s3, "release/rel-1");

        // WHEN the report is made
        String answer = run("summarize-rollout", "{\"version\":{\"id\":\"v5\",\"versionNumber\":5},"
                + "\"canary\":[{\"instanceId\":\"c1\",\"status\":\"deployed\"}],\"rest\":" + fleet.mapOutput
                + ",\"targets\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + TARGETS + "\"},"
                + "\"testFlows\":[],\"report\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + REPORT + "\"}}");

        // THEN the answer is bounded: counts, the first 100 failures cut short, where the full report is
        int size = answer.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(size < STATE_LIMIT / 4, "the answer is " + size + " bytes");
        Map<String, Object> report = (Map<String, Object>) JsonAssert.parse(answer);
        assertEquals("PARTIAL", report.get("overall"));
        assertEquals(10_001, report.get("instanceCount"));
        assertEquals(Map.of("deployed", 9_751, "upgraded", 50, "failed", 200, "notStarted", 0, "unknown", 0),
                report.get("counts"));
        assertNull(report.get("instances"), "10,001 instances are not listed in the answer");
        List<Map<String, Object>> failures = (List<Map<String, Object>>) report.get("failures");
        assertEquals(SummarizeRolloutFunction.FAILURES_SHOWN, failures.size());
        assertEquals(150, report.get("failuresNotShown"));
        assertTrue(failures.stream().allMatch(f -> String.valueOf(f.get("error")).length()
                <= SummarizeRolloutFunction.ERROR_CHARS), "errors are cut in the answer");
        assertEquals(Map.of("bucket", BUCKET, "key", REPORT), report.get("fullReport"));
        // AND the full report in S3 has every instance, in the order the rollout read them, with whole errors
        Map<String, Object> full = (Map<String, Object>) JsonAssert.parse(s3.object(BUCKET, REPORT).orElseThrow());
        List<Map<String, Object>> all = (List<Map<String, Object>>) full.get("instances");
        assertEquals(10_001, all.size());
        assertEquals(fleet.ids, all.stream().skip(1).map(i -> i.get("instanceId")).toList());
        assertEquals(250, ((List<?>) full.get("failures")).size());
        assertTrue(all.stream().anyMatch(i -> String.valueOf(i.get("error")).length() > 1000), "whole errors");
        // AND it read the manifest, the result file and the targets, and wrote the report, each signed for S3
        assertEquals(List.of("GET /" + BUCKET + "/" + Fleet.MANIFEST.formatted("release/rel-1"),
                "GET /" + BUCKET + "/" + Fleet.SUCCEEDED.formatted("release/rel-1"),
                "GET /" + BUCKET + "/" + TARGETS, "PUT /" + BUCKET + "/" + REPORT).stream().sorted().toList(),
                s3.requests().stream().map(r -> r.getMethod() + " " + r.getUrl()).sorted().toList());
        s3.requests().forEach(BigFleetTest::assertSignedForS3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRolloutThatStoppedSaysWhichInstancesMovedWhichFailedAndWhichWereNeverReached() {
        // GIVEN a rollout that stopped: one batch done, one stopped at its second instance, one aborted mid-way
        List<String> ids = IntStream.range(0, 10).mapToObj(i -> id("i" + i)).toList();
        s3.put(BUCKET, TARGETS, targets(ids));
        String prefix = "release/rel-1/results/";
        s3.put(BUCKET, prefix + "old-run/manifest.json", "{\"DestinationBucket\":\"" + BUCKET + "\",\"ResultFiles\":"
                + "{\"SUCCEEDED\":[],\"FAILED\":[],\"PENDING\":[]}}");
        s3.put(BUCKET, prefix + "run-2/SUCCEEDED_0.json", "[" + succeeded(ids.subList(0, 3)) + "]");
        s3.put(BUCKET, prefix + "run-2/FAILED_0.json", "[" + stopped(ids.subList(3, 6), ids.get(4),
                "InstanceMovedNotDeployed") + "," + aborted(ids.subList(6, 8)) + "]");
        s3.put(BUCKET, prefix + "run-2/manifest.json", "{\"DestinationBucket\":\"" + BUCKET + "\",\"MapRunArn\":\"arn\","
                + "\"ResultFiles\":{\"SUCCEEDED\":[{\"Key\":\"" + prefix + "run-2/SUCCEEDED_0.json\",\"Size\":1}],"
                + "\"FAILED\":[{\"Key\":\"" + prefix + "run-2/FAILED_0.json\",\"Size\":1}],\"PENDING\":[]}}");

        // WHEN the stopped rollout is reported (no map output names the manifest)
        String answer = run("summarize-rollout", "{\"rolloutSkipped\":\"stopped on the first failure\","
                + "\"targets\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + TARGETS + "\"},"
                + "\"resultsPrefix\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"release/rel-1/results\"},"
                + "\"report\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + REPORT + "\"}}");

        // THEN each instance says what happened to it
        Map<String, Object> report = (Map<String, Object>) JsonAssert.parse(answer);
        Map<String, String> statuses = ((List<Map<String, Object>>) report.get("instances")).stream().collect(
                Collectors.toMap(i -> String.valueOf(i.get("instanceId")), i -> String.valueOf(i.get("status")),
                        (a, b) -> a, LinkedHashMap::new));
        assertEquals(List.of("deployed", "deployed", "deployed", "deployed", "upgraded", "not_started", "unknown",
                "unknown", "not_started", "not_started"), List.copyOf(statuses.values()));
        assertEquals(ids, List.copyOf(statuses.keySet()));
        Map<String, Object> upgraded = ((List<Map<String, Object>>) report.get("failures")).get(0);
        assertEquals(ids.get(4), upgraded.get("instanceId"));
        assertTrue(String.valueOf(upgraded.get("error")).startsWith("io.ipaasops.core.ConflictException: "),
                String.valueOf(upgraded.get("error")));
        assertEquals("PARTIAL", report.get("overall"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aStoppedRolloutThatLeftNoResultsClaimsNothingAboutItsInstances() {
        s3.put(BUCKET, TARGETS, targets(List.of(id("a"), id("b"))));

        String answer = run("summarize-rollout", "{\"rolloutSkipped\":\"stopped on the first failure\","
                + "\"targets\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + TARGETS + "\"},"
                + "\"resultsPrefix\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"release/rel-1/results\"}}");

        Map<String, Object> report = (Map<String, Object>) JsonAssert.parse(answer);
        assertEquals(Map.of("deployed", 0, "upgraded", 0, "failed", 0, "notStarted", 0, "unknown", 2),
                report.get("counts"));
        assertEquals("FAILED", report.get("overall"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSmallFleetStillListsEveryInstanceInTheAnswerWithItsErrorCutShort() {
        Fleet fleet = Fleet.of(40, 2, 0);
        fleet.store(s3, "deploy-fleet/f-1");

        String answer = run("summarize-rollout", "{\"rest\":" + fleet.mapOutput + ",\"targets\":{\"bucket\":\""
                + BUCKET + "\",\"key\":\"" + TARGETS + "\"},\"report\":{\"bucket\":\"" + BUCKET
                + "\",\"key\":\"deploy-fleet/f-1/report.json\"}}");

        Map<String, Object> report = (Map<String, Object>) JsonAssert.parse(answer);
        List<Map<String, Object>> instances = (List<Map<String, Object>>) report.get("instances");
        assertEquals(40, instances.size());
        assertEquals(2, ((List<?>) report.get("failures")).size());
        assertTrue(instances.stream().allMatch(i -> i.get("error") == null
                || String.valueOf(i.get("error")).length() <= SummarizeRolloutFunction.ERROR_CHARS));
        assertTrue(s3.object(BUCKET, "deploy-fleet/f-1/report.json").isPresent());
    }

    @Test
    void theStateTheRolloutKeepsAndTheAnswerStayBoundedAt100And1000And10000Instances() {
        System.out.println("| instances | targets file | results files | state before (inline) | state now "
                + "| answer before | answer now |");
        for (int n : List.of(100, 1_000, 10_000)) {
            s3.reset();
            Fleet fleet = Fleet.of(n, n / 50, n / 200);
            fleet.store(s3, "release/rel-" + n);
            String answer = run("summarize-rollout", "{\"version\":{\"id\":\"v5\",\"versionNumber\":5},\"rest\":"
                    + fleet.mapOutput + ",\"targets\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + TARGETS + "\"},"
                    + "\"report\":{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + REPORT + "\"}}");
            String inline = run("summarize-rollout", "{\"version\":{\"id\":\"v5\",\"versionNumber\":5},\"rest\":"
                    + fleet.inlineResults() + "}");
            // Before: the rest's targets (plan-rollout's answer) and the map's collected results were both in the state.
            long before = fleet.targetsJson.length() + fleet.inlineResults().length();
            long now = fleet.mapOutput.length() + ("{\"bucket\":\"" + BUCKET + "\",\"key\":\"" + TARGETS + "\"}")
                    .length();
            System.out.printf("| %,d | %,d | %,d | %,d | %,d | %,d | %,d |%n", n, fleet.targetsJson.length(),
                    fleet.resultsBytes, before, now, inline.length(), answer.length());
            assertTrue(answer.length() < STATE_LIMIT / 4, n + ": " + answer.length());
            assertTrue(now < 1024, "the rollout keeps only locations in its state");
        }
    }

    private static void assertSignedForS3(LoggedRequest request) {
        String authorization = request.getHeader("Authorization");
        assertTrue(authorization != null && authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIATESTTESTTESTTEST/")
                && authorization.contains("/" + AwsTestEnvironment.REGION + "/s3/aws4_request"), authorization);
        assertTrue(request.getHeader("x-amz-content-sha256") != null, "the payload hash");
    }

    static String id(String name) {
        return Base64.getEncoder().encodeToString(("Instance:" + UUID.nameUUIDFromBytes(name.getBytes(
                StandardCharsets.UTF_8))).getBytes(StandardCharsets.UTF_8));
    }

    private static String instance(String name, String label) {
        return PrismaticCases.INSTANCE.replace("SW5zdGFuY2U6MQ==", id(name)).replace("\"Acme Sync\"",
                "\"" + name + " Sync\"").replace("\"labels\":[\"eu\"]", "\"labels\":[\"" + label + "\"]");
    }

    private static String instances(List<String> nodes) {
        return "{\"instances\":{\"nodes\":[" + String.join(",", nodes) + "]," + PrismaticCases.PAGE_INFO
                + ",\"totalCount\":" + nodes.size() + "}}";
    }

    static String targets(List<String> ids) {
        return ids.stream().map(i -> "{\"id\":\"" + i + "\",\"name\":\"Customer " + i.substring(20, 28)
                + " Salesforce Sync\",\"labels\":[\"eu\"]}").collect(Collectors.joining(",", "[", "]"));
    }

    private static String entry(String status, List<String> batch, String extra) {
        String input = "{\"BatchInput\":{\"versionId\":\"v5\",\"execution\":\"rel-1\",\"stopOnFailure\":true},"
                + "\"Items\":" + targets(batch) + "}";
        return "{\"ExecutionArn\":\"arn:aws:states:eu-west-1:123456789012:execution:ipaas-ops-release/Rollout:"
                + UUID.randomUUID() + "\",\"Input\":" + quote(input) + ",\"InputDetails\":{\"Included\":true},"
                + "\"Name\":\"" + UUID.randomUUID() + "\",\"StartDate\":\"2026-12-01T10:00:00.000Z\","
                + "\"StateMachineArn\":\"arn:aws:states:eu-west-1:123456789012:stateMachine:ipaas-ops-release/Rollout\","
                + "\"Status\":\"" + status + "\",\"StopDate\":\"2026-12-01T10:00:09.000Z\"" + extra + "}";
    }

    private static String succeeded(List<String> batch) {
        String output = batch.stream().map(i -> "{\"instanceId\":\"" + i + "\",\"status\":\"deployed\"}")
                .collect(Collectors.joining(",", "[", "]"));
        return entry("SUCCEEDED", batch, ",\"Output\":" + quote(output)
                + ",\"OutputDetails\":{\"Included\":true}");
    }

    private static String stopped(List<String> batch, String at, String error) {
        String cause = at + " io.ipaasops.core.ConflictException: {\"error\":{\"type\":\"conflict\","
                + "\"message\":\"Prismatic refused the change\"}}";
        return entry("FAILED", batch, ",\"Error\":\"" + error + "\",\"Cause\":" + quote(cause));
    }

    private static String aborted(List<String> batch) {
        return entry("ABORTED", batch, "");
    }

    /** {@code text} as a JSON string, as Step Functions writes a child's input and output in its result files. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A rollout's data as plan-rollout and a Distributed Map's ResultWriter leave it in S3. */
    private static final class Fleet {
        static final String MANIFEST = "%s/results/0e8d9c1a/manifest.json";
        static final String SUCCEEDED = "%s/results/0e8d9c1a/SUCCEEDED_0.json";

        final List<String> ids;
        final List<String> results = new ArrayList<>();
        String targetsJson;
        String mapOutput;
        long resultsBytes;

        private Fleet(List<String> ids) {
            this.ids = ids;
        }

        /** {@code n} instances, {@code failed} of them failing with a long error, {@code upgraded} not deployed. */
        static Fleet of(int n, int failed, int upgraded) {
            Fleet fleet = new Fleet(IntStream.range(0, n).mapToObj(i -> id("fleet-" + i)).toList());
            String longCause = quote("{\"error\":{\"type\":\"conflict\",\"message\":\""
                    + "the instance is being deployed; ".repeat(40) + "\"}}");
            for (int i = 0; i < n; i++) {
                String id = fleet.ids.get(i);
                boolean fails = failed > 0 && i % (n / failed) == 1;
                boolean upgrades = upgraded > 0 && i % (n / upgraded) == 2;
                fleet.results.add(fails ? "{\"instanceId\":\"" + id + "\",\"status\":\"failed\",\"error\":{\"Error\":"
                        + "\"io.ipaasops.core.ConflictException\",\"Cause\":" + longCause + "}}"
                        : upgrades ? "{\"instanceId\":\"" + id + "\",\"status\":\"upgraded\",\"error\":{\"Error\":"
                        + "\"io.ipaasops.core.TransientException\",\"Cause\":\"busy\"}}"
                        : "{\"instanceId\":\"" + id + "\",\"status\":\"deployed\"}");
            }
            fleet.targetsJson = targets(fleet.ids);
            return fleet;
        }

        /** The results as a batched inline map collected them: a list of batches of 25. */
        String inlineResults() {
            List<String> batches = new ArrayList<>();
            for (int i = 0; i < results.size(); i += 25) {
                batches.add("[" + String.join(",", results.subList(i, Math.min(results.size(), i + 25))) + "]");
            }
            return "[" + String.join(",", batches) + "]";
        }

        void store(S3Stub s3, String run) {
            s3.put(BUCKET, TARGETS, targetsJson);
            List<String> entries = new ArrayList<>();
            for (int i = 0; i < ids.size(); i += 25) {
                int end = Math.min(ids.size(), i + 25);
                String output = "[" + String.join(",", results.subList(i, end)) + "]";
                entries.add(entry("SUCCEEDED", ids.subList(i, end), ",\"Output\":" + quote(output)
                        + ",\"OutputDetails\":{\"Included\":true}"));
            }
            String file = "[" + String.join(",", entries) + "]";
            resultsBytes = file.length();
            s3.put(BUCKET, SUCCEEDED.formatted(run), file);
            s3.put(BUCKET, MANIFEST.formatted(run), "{\"DestinationBucket\":\"" + BUCKET + "\",\"MapRunArn\":"
                    + "\"arn:aws:states:eu-west-1:123456789012:mapRun:ipaas-ops-release/Rollout:0e8d9c1a\","
                    + "\"ResultFiles\":{\"FAILED\":[],\"PENDING\":[],\"SUCCEEDED\":[{\"Key\":\""
                    + SUCCEEDED.formatted(run) + "\",\"Size\":" + file.length() + "}]}}");
            mapOutput = "{\"MapRunArn\":\"arn:aws:states:eu-west-1:123456789012:mapRun:ipaas-ops-release/Rollout:"
                    + "0e8d9c1a\",\"ResultWriterDetails\":{\"Bucket\":\"" + BUCKET + "\",\"Key\":\""
                    + MANIFEST.formatted(run) + "\"}}";
        }
    }
}
