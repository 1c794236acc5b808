package io.ipaasops.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaasops.core.ErrorType;
import io.ipaasops.core.Platform;
import io.ipaasops.functions.Actions;
import io.ipaasops.workflows.Workflow;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * What an operator of the deployed stack gets: traces, one dashboard over the metrics the functions write (the
 * observability contract), and alarms that wake someone through the alert topic. Checked on the synthesized template.
 */
class OperationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static App app;
    private static JsonNode resources;
    private static JsonNode outputs;
    private static JsonNode dashboard;

    @BeforeAll
    static void synthesize() throws IOException {
        app = IpaasOpsApp.app(null);
        IpaasOpsStack stack = IpaasOpsApp.build(app);
        JsonNode template = JSON.valueToTree(Template.fromStack(stack).toJSON());
        resources = template.get("Resources");
        outputs = template.get("Outputs");
        List<JsonNode> dashboards = ofType("AWS::CloudWatch::Dashboard");
        assertEquals(1, dashboards.size(), "one dashboard");
        dashboard = JSON.readTree(text(dashboards.get(0).at("/Properties/DashboardBody")));
    }

    // -- tracing --------------------------------------------------------------------------------------------------

    @Test
    void everyFunctionIsTracedByLambdaAndItsRoleMayUploadTheTraces() {
        List<String> untraced = new ArrayList<>();
        for (Map.Entry<String, JsonNode> function : actionFunctions().entrySet()) {
            if (!"Active".equals(function.getValue().at("/Properties/TracingConfig/Mode").asText())) {
                untraced.add(function.getKey());
            }
            String role = function.getValue().at("/Properties/Role/Fn::GetAtt/0").asText();
            assertTrue(policiesOf(role).contains("xray:PutTraceSegments"), function.getKey() + " cannot send traces");
        }
        assertEquals(List.of(), untraced);
        for (JsonNode machine : ofType("AWS::StepFunctions::StateMachine")) {
            assertTrue(machine.at("/Properties/TracingConfiguration/Enabled").asBoolean(), "state machines traced");
        }
    }

    @Test
    void tracingAddsNoCodeToAColdStartTheJarHasNoXRaySdk() throws IOException {
        try (ZipFile jar = new ZipFile(IpaasOpsApp.jar(app).toFile())) {
            List<String> xray = jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("com/amazonaws/xray/") || n.contains("/awssdk/services/xray/"))
                    .limit(3).toList();

            assertEquals(List.of(), xray);
        }
    }

    // -- the dashboard --------------------------------------------------------------------------------------------

    @Test
    void theDashboardIsOneScreenWideAndItsNameIsAStackOutput() {
        for (JsonNode widget : dashboard.get("widgets")) {
            assertTrue(widget.get("x").asInt() + widget.get("width").asInt() <= 24, "fits the grid: " + widget);
        }
        int bottom = 0;
        for (JsonNode widget : dashboard.get("widgets")) {
            bottom = Math.max(bottom, widget.get("y").asInt() + widget.get("height").asInt());
        }
        assertTrue(bottom <= 24, "one screen high, was " + bottom);
        String dashboardId = ofTypeWithIds("AWS::CloudWatch::Dashboard").keySet().iterator().next();
        assertEquals(dashboardId, outputs.at("/DashboardName/Value/Ref").asText());
        assertEquals(OperationsDashboard.NAME, resources.get(dashboardId).at("/Properties/DashboardName").asText());
    }

    @Test
    void theDashboardGraphsEveryContractMetricThatSaysHowTheFunctionsAreDoing() {
        String body = dashboard.toString();
        for (String metric : List.of("Invocations", "Errors", "Duration", "UpstreamTime", "ColdStart", "Retries",
                "Throttled", "WorkflowExecutions", "InstancesRolledOut", "InstancesFailed", "TestFlowsFailed",
                "NightlyTestFailures")) {
            assertTrue(body.contains("\"" + metric + "\"") || body.contains("MetricName=\\\"" + metric + "\\\""),
                    metric + " is on the dashboard");
        }
        // By action, by error type, by workflow and outcome: searches over exactly the contract's dimension sets.
        List<String> searches = expressions().stream().filter(e -> e.startsWith("SEARCH(")).toList();
        for (String search : List.of(
                "SEARCH('{\"ipaas-ops\",Platform,Action} MetricName=\"Invocations\"', 'Sum', 300)",
                "SEARCH('{\"ipaas-ops\",Platform,Action} MetricName=\"Errors\"', 'Sum', 300)",
                "SEARCH('{\"ipaas-ops\",Platform,ErrorType} MetricName=\"Errors\"', 'Sum', 300)",
                "SEARCH('{\"ipaas-ops\",Platform,Action} MetricName=\"ColdStart\"', 'Sum', 300)",
                "SEARCH('{\"ipaas-ops\",Workflow,Outcome} MetricName=\"WorkflowExecutions\"', 'Sum', 3600)")) {
            assertTrue(searches.contains(search), search + " in " + searches);
        }
        // p50 and p99 of the time in the handler for every platform, and of the time upstream for those with one.
        for (Platform platform : Platform.values()) {
            for (String stat : List.of("p50", "p99")) {
                assertTrue(hasMetric("Duration", "Platform", platform.route(), stat), "Duration " + platform + stat);
                assertEquals(platform != Platform.WORKFLOW,
                        hasMetric("UpstreamTime", "Platform", platform.route(), stat), "UpstreamTime " + platform);
            }
        }
        assertTrue(hasMetric("TestFlowsFailed", "Workflow", Workflow.NIGHTLY_TESTS.id(), "Sum"), "nightly result");
    }

    @Test
    void theDashboardShowsEveryDeadLetterQueueEveryStateMachineAndEveryFunctionsThrottles() {
        String body = text(ofType("AWS::CloudWatch::Dashboard").get(0).at("/Properties/DashboardBody"));
        Set<String> deadLetterQueues = new TreeSet<>();
        for (JsonNode queue : ofType("AWS::SQS::Queue")) {
            JsonNode target = queue.at("/Properties/RedrivePolicy/deadLetterTargetArn/Fn::GetAtt/0");
            if (!target.isMissingNode()) {
                deadLetterQueues.add(target.asText());
            }
        }
        assertEquals(3, deadLetterQueues.size());
        for (String queue : deadLetterQueues) {
            assertTrue(body.contains("\"QueueName\",\"<" + queue + ".QueueName>\""), queue + "'s depth is graphed");
        }
        for (String machine : ofTypeWithIds("AWS::StepFunctions::StateMachine").keySet()) {
            assertTrue(body.contains("\"StateMachineArn\",\"<" + machine + ">\""), machine + "'s executions");
        }
        for (String function : actionFunctions().keySet()) {
            assertTrue(body.contains("\"Throttles\",\"FunctionName\",\"<" + function + ">\""), function + " throttles");
        }
        assertTrue(expressions().stream().anyMatch(e -> e.startsWith("SUM([throttles0,")), "summed into one line");
    }

    @Test
    void theDashboardsLogsWidgetReadsTheSummaryLineOfEveryFunction() {
        JsonNode logs = widgets("log").get(0).get("properties");
        String query = logs.get("query").asText();

        assertTrue(query.contains("filter message = \"invocation\""), query);
        assertTrue(query.contains("stats count(*) as calls, count(errorType) as failed"), query);
        for (String function : actionFunctions().keySet()) {
            String logGroup = resources.get(function).at("/Properties/LoggingConfig/LogGroup/Ref").asText();
            assertTrue(query.contains("SOURCE '<" + logGroup + ">'"), function + "'s log group is queried");
        }
    }

    @Test
    void theDashboardShowsTheStatusOfEveryAlarmThatWakesSomeone() {
        JsonNode alarms = widgets("alarm").get(0).at("/properties/alarms");

        assertEquals(pagingAlarms().size(), alarms.size());
    }

    // -- alarms ---------------------------------------------------------------------------------------------------

    @Test
    void theAlarmsThatWakeSomeoneSendToTheAlertTopicWhenTheyFireAndWhenTheyClear() {
        Map<String, JsonNode> paging = pagingAlarms();
        String topic = ofTypeWithIds("AWS::SNS::Topic").keySet().iterator().next();

        // A failed release, failing nightly tests, each of the three dead-letter queues, Prismatic's error rate.
        assertEquals(Set.of("ReleaseFailed", "NightlyTestsFailing", "DeployInstanceDeadLettersAlarm",
                "PublishIntegrationVersionDeadLettersAlarm", "UpdateConnectorDeadLettersAlarm", "PrismaticErrorRate"),
                paging.keySet().stream().map(OperationsTest::shortName).collect(Collectors.toSet()));
        for (Map.Entry<String, JsonNode> alarm : paging.entrySet()) {
            JsonNode p = alarm.getValue().get("Properties");
            assertEquals(topic, p.at("/AlarmActions/0/Ref").asText(), alarm.getKey());
            assertEquals(topic, p.at("/OKActions/0/Ref").asText(), alarm.getKey());
            assertEquals("notBreaching", p.get("TreatMissingData").asText(), alarm.getKey());
            String description = text(p.get("AlarmDescription"));
            // CloudWatch takes at most 1,024 characters; a queue URL or ARN stands in at under 130.
            assertTrue(description.length() + 130 * count(description, "<") < 1024, alarm.getKey() + " too long");
        }
    }

    @Test
    void eachAlarmThatWakesSomeoneSaysWhatToDo() {
        Map<String, String> descriptions = pagingAlarms().entrySet().stream().collect(Collectors.toMap(
                e -> shortName(e.getKey()), e -> text(e.getValue().at("/Properties/AlarmDescription"))));

        assertTrue(descriptions.get("ReleaseFailed").contains("start the release again"));
        assertTrue(descriptions.get("NightlyTestsFailing").contains("get-execution"));
        assertTrue(descriptions.get("DeployInstanceDeadLettersAlarm").contains("aws sqs start-message-move-task"));
        assertTrue(descriptions.get("PrismaticErrorRate").contains("put a new one"));
    }

    @Test
    void prismaticsErrorRateCountsOnlyPlatformErrorsOverPrismaticCallsSustainedForFifteenMinutes() {
        JsonNode alarm = pagingAlarms().entrySet().stream().filter(e -> e.getKey().contains("PrismaticErrorRate"))
                .findFirst().orElseThrow().getValue().get("Properties");
        Map<String, JsonNode> metrics = metricsById(alarm);

        assertEquals("IF(calls >= 5, 100 * (FILL(unauthorized, 0) + FILL(transient, 0) + FILL(upstream, 0)"
                + " + FILL(indeterminate, 0)) / calls, 0)", returned(alarm).get("Expression").asText());
        assertEquals(List.of("Invocations", "Platform=prismatic"), describe(metrics.get("calls")));
        for (ErrorType type : List.of(ErrorType.UNAUTHORIZED, ErrorType.TRANSIENT, ErrorType.UPSTREAM,
                ErrorType.INDETERMINATE)) {
            assertEquals(List.of("Errors", "ErrorType=" + type.json(), "Platform=prismatic"),
                    describe(metrics.get(type.json())));
        }
        assertFalse(alarm.toString().contains("validation"), "a caller's invalid input is not Prismatic's failure");
        assertEquals(10, alarm.get("Threshold").asInt());
        assertEquals("GreaterThanThreshold", alarm.get("ComparisonOperator").asText());
        assertEquals(3, alarm.get("EvaluationPeriods").asInt());
        assertEquals(3, alarm.get("DatapointsToAlarm").asInt());
        assertEquals(300, metrics.get("calls").at("/MetricStat/Period").asInt());
    }

    @Test
    void aReleaseAlarmsWhenItsExecutionFailsAndWhenItsReportSaysFailedOrPartial() {
        JsonNode alarm = alarm("ReleaseFailed");
        Map<String, JsonNode> metrics = metricsById(alarm);

        for (String engine : List.of("ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted")) {
            assertTrue(metrics.values().stream().anyMatch(m -> m.has("MetricStat") && describe(m).get(0).equals(engine)
                    && m.toString().contains("WorkflowsRelease")), engine);
        }
        assertEquals(List.of("WorkflowExecutions", "Outcome=FAILED", "Workflow=release"),
                describe(metrics.get("reportFailed")));
        assertEquals(List.of("WorkflowExecutions", "Outcome=PARTIAL", "Workflow=release"),
                describe(metrics.get("reportPartial")));
        assertEquals(1, alarm.get("Threshold").asInt());
    }

    @Test
    void nightlyTestsAlarmOnAFailedFlowAndOnARunThatFailedBeforeCounting() {
        JsonNode alarm = alarm("NightlyTestsFailing");
        Map<String, JsonNode> metrics = metricsById(alarm);

        assertEquals(List.of("NightlyTestFailures"), describe(metrics.get("failures")));
        assertEquals("ExecutionsFailed", describe(metrics.get("runFailed")).get(0));
        assertTrue(metrics.get("runFailed").toString().contains("WorkflowsNightlyTests"));
        assertEquals(86400, metrics.get("failures").at("/MetricStat/Period").asInt());
    }

    // -- helpers --------------------------------------------------------------------------------------------------

    /** A CloudFormation string: plain, or an Fn::Join whose references become {@code <LogicalId>}. */
    private static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        JsonNode join = value.get("Fn::Join");
        if (join == null) {
            return reference(value);
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : join.get(1)) {
            out.append(part.isTextual() ? part.asText() : reference(part));
        }
        return out.toString();
    }

    private static String reference(JsonNode token) {
        if (token.has("Ref")) {
            return "<" + token.get("Ref").asText() + ">";
        }
        if (token.has("Fn::GetAtt")) {
            return "<" + token.get("Fn::GetAtt").get(0).asText() + "." + token.get("Fn::GetAtt").get(1).asText()
                    + ">";
        }
        return "<" + token + ">";
    }

    private static List<JsonNode> ofType(String type) {
        return new ArrayList<>(ofTypeWithIds(type).values());
    }

    private static Map<String, JsonNode> ofTypeWithIds(String type) {
        Map<String, JsonNode> found = new java.util.TreeMap<>();
        resources.fields().forEachRemaining(e -> {
            if (type.equals(e.getValue().get("Type").asText())) {
                found.put(e.getKey(), e.getValue());
            }
        });
        return found;
    }

    private static Map<String, JsonNode> actionFunctions() {
        Map<String, JsonNode> functions = ofTypeWithIds("AWS::Lambda::Function");
        functions.values().removeIf(f -> !f.at("/Properties/Handler").asText().startsWith("io.ipaasops."));
        assertEquals(Actions.all().size(), functions.size());
        return functions;
    }

    private static String policiesOf(String role) {
        return ofType("AWS::IAM::Policy").stream()
                .filter(p -> p.at("/Properties/Roles").toString().contains("\"" + role + "\""))
                .map(JsonNode::toString).collect(Collectors.joining());
    }

    private static Map<String, JsonNode> pagingAlarms() {
        Map<String, JsonNode> alarms = ofTypeWithIds("AWS::CloudWatch::Alarm");
        alarms.values().removeIf(a -> !a.get("Properties").has("AlarmActions"));
        return alarms;
    }

    private static JsonNode alarm(String name) {
        return pagingAlarms().entrySet().stream().filter(e -> shortName(e.getKey()).equals(name)).findFirst()
                .orElseThrow().getValue().get("Properties");
    }

    /** {@code WorkflowsReleaseFailed1A2B3C4D} to {@code ReleaseFailed}: the construct id, without path or hash. */
    private static String shortName(String logicalId) {
        String id = logicalId.replaceAll("[0-9A-F]{8}$", "");
        for (String prefix : List.of("Workflows", "OnCall")) {
            if (id.startsWith(prefix)) {
                return id.substring(prefix.length());
            }
        }
        return id;
    }

    private static Map<String, JsonNode> metricsById(JsonNode alarm) {
        Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
        alarm.get("Metrics").forEach(m -> byId.put(m.get("Id").asText(), m));
        return byId;
    }

    private static JsonNode returned(JsonNode alarm) {
        List<JsonNode> returned = new ArrayList<>();
        alarm.get("Metrics").forEach(m -> {
            if (m.path("ReturnData").asBoolean(true) && m.has("Expression")) {
                returned.add(m);
            }
        });
        assertEquals(1, returned.size());
        return returned.get(0);
    }

    /** A metric as its name followed by its {@code Dimension=value}s, sorted (namespace checked for ours). */
    private static List<String> describe(JsonNode query) {
        JsonNode metric = query.at("/MetricStat/Metric");
        List<String> out = new ArrayList<>(List.of(metric.get("MetricName").asText()));
        if (!metric.get("Namespace").asText().startsWith("AWS/")) {
            assertEquals(OperationsMetrics.NAMESPACE, metric.get("Namespace").asText());
        }
        List<String> dimensions = new ArrayList<>();
        metric.path("Dimensions").forEach(d -> dimensions.add(d.get("Name").asText() + "=" + text(d.get("Value"))));
        out.addAll(dimensions.stream().sorted().toList());
        return out;
    }

    private static List<JsonNode> widgets(String type) {
        List<JsonNode> found = new ArrayList<>();
        dashboard.get("widgets").forEach(w -> {
            if (type.equals(w.get("type").asText())) {
                found.add(w);
            }
        });
        assertFalse(found.isEmpty(), "a " + type + " widget");
        return found;
    }

    /** Every metric-math or search expression on the dashboard. */
    private static List<String> expressions() {
        List<String> found = new ArrayList<>();
        for (JsonNode widget : widgets("metric")) {
            for (JsonNode row : widget.at("/properties/metrics")) {
                for (JsonNode cell : row) {
                    if (cell.has("expression")) {
                        found.add(cell.get("expression").asText());
                    }
                }
            }
        }
        return found;
    }

    /** Whether a graphed metric row is {@code [ipaas-ops, name, dimension, value, {stat}]}. */
    private static boolean hasMetric(String name, String dimension, String value, String stat) {
        for (JsonNode widget : widgets("metric")) {
            for (JsonNode row : widget.at("/properties/metrics")) {
                if (row.size() >= 5 && row.get(0).asText().equals(OperationsMetrics.NAMESPACE)
                        && row.get(1).asText().equals(name) && row.get(2).asText().equals(dimension)
                        && row.get(3).asText().equals(value)
                        && row.get(row.size() - 1).path("stat").asText().equals(stat)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
