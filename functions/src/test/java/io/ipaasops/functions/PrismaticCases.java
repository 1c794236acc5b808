package io.ipaasops.functions;

import java.util.List;

/**
 * One wire-level example per Prismatic action: the input a user gives, the exact request it must cause, the
 * platform's answer and what the user must get back.
 */
public final class PrismaticCases {

    /**
     * An action's example.
     *
     * @param action    the action name
     * @param input     the input JSON (list actions set every filter)
     * @param operation the GraphQL operation it must send
     * @param variables the exact variables it must send
     * @param data      the {@code data} Prismatic answers with
     * @param expected  JSON that the output must contain
     * @param required  a required input field, or null
     * @param mutation  whether the operation is a mutation
     */
    public record Case(String action, String input, String operation, String variables, String data, String expected,
                String required, boolean mutation) {

        @Override
        public String toString() {
            return action;
        }
    }

    public static final String INSTANCE = """
            {"id":"SW5zdGFuY2U6MQ==","name":"Acme Sync","description":"","enabled":true,"deployedVersion":3,
             "needsDeploy":false,"configState":"FULLY_CONFIGURED","inFailedState":false,"labels":["eu"],
             "lastDeployedAt":"2026-11-01T10:00:00Z","lastExecutedAt":null,"updatedAt":"2026-11-01T10:00:00Z",
             "customer":{"id":"Q3VzdG9tZXI6MQ==","name":"Acme","externalId":"acme"},
             "integration":{"id":"SW50ZWdyYXRpb246MQ==","name":"Sync","versionNumber":3}}""";
    public static final String INTEGRATION = """
            {"id":"SW50ZWdyYXRpb246MQ==","name":"Sync","description":"Syncs","category":"ERP","labels":[],
             "versionNumber":4,"versionComment":"release","versionIsAvailable":true,"versionIsLatest":true,
             "versionSequenceId":"3fa37001-0000-4000-8000-000000000001","hasUnpublishedChanges":false,
             "isCodeNative":false,"marketplaceConfiguration":"NOT_AVAILABLE_IN_MARKETPLACE",
             "updatedAt":"2026-11-01T10:00:00Z","customer":null}""";
    public static final String CUSTOMER = """
            {"id":"Q3VzdG9tZXI6MQ==","name":"Acme","description":"","externalId":"acme","labels":[],
             "avatarUrl":null,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}""";
    public static final String EXECUTION = """
            {"id":"SW5zdGFuY2VFeGVjdXRpb25SZXN1bHQ6MQ==","startedAt":"2026-11-01T10:00:00Z",
             "endedAt":"2026-11-01T10:00:02Z","status":"SUCCESS","error":null,"invokeType":"WEBHOOK",
             "resultType":"COMPLETED","isTestExecution":true,"stepCount":3,
             "instance":{"id":"SW5zdGFuY2U6MQ==","name":"Acme Sync"},"flow":{"id":"Rmxvdzox","name":"Main"},
             "integration":{"id":"SW50ZWdyYXRpb246MQ==","name":"Sync","versionNumber":3}}""";
    public static final String PAGE_INFO = """
            "pageInfo":{"hasNextPage":false,"hasPreviousPage":false,"startCursor":"YQ==","endCursor":"Yg=="}""";

    public static final List<Case> ALL = List.of(
            new Case("deploy-instance", "{\"instanceId\":\"SW5zdGFuY2U6MQ==\",\"force\":true}", "deployInstance",
                    "{\"id\":\"SW5zdGFuY2U6MQ==\",\"force\":true}",
                    "{\"deployInstance\":{\"instance\":" + INSTANCE + ",\"errors\":[]}}",
                    "{\"id\":\"SW5zdGFuY2U6MQ==\",\"needsDeploy\":false,\"deployedVersion\":3}", "instanceId", true),
            new Case("disable-instance", "{\"instanceId\":\"SW5zdGFuY2U6MQ==\"}", "updateInstance",
                    "{\"id\":\"SW5zdGFuY2U6MQ==\",\"enabled\":false}",
                    "{\"updateInstance\":{\"instance\":" + INSTANCE.replace("\"enabled\":true", "\"enabled\":false")
                            + ",\"errors\":[]}}",
                    "{\"enabled\":false}", "instanceId", true),
            new Case("get-current-user", "{}", "authenticatedUser", "{}",
                    "{\"authenticatedUser\":{\"id\":\"VXNlcjox\",\"name\":\"Ops Bot\",\"email\":\"ops@example.com\","
                            + "\"externalId\":null,\"tenantId\":\"5b0b0b0b-1111-4222-8333-444444444444\","
                            + "\"role\":{\"id\":\"Um9sZTox\",\"name\":\"Admin\"},\"org\":{\"id\":\"T3JnOjE=\","
                            + "\"name\":\"Example Org\"},\"customer\":null}}",
                    "{\"tenantId\":\"5b0b0b0b-1111-4222-8333-444444444444\",\"org\":{\"name\":\"Example Org\"}}",
                    null, false),
            new Case("get-customer", "{\"customerId\":\"Q3VzdG9tZXI6MQ==\"}", "customer",
                    "{\"id\":\"Q3VzdG9tZXI6MQ==\"}", "{\"customer\":" + CUSTOMER + "}",
                    "{\"externalId\":\"acme\",\"name\":\"Acme\"}", "customerId", false),
            new Case("get-execution", "{\"executionId\":\"SW5zdGFuY2VFeGVjdXRpb25SZXN1bHQ6MQ==\"}", "executionResult",
                    "{\"id\":\"SW5zdGFuY2VFeGVjdXRpb25SZXN1bHQ6MQ==\"}", "{\"executionResult\":" + EXECUTION + "}",
                    "{\"status\":\"SUCCESS\",\"flow\":{\"name\":\"Main\"}}", "executionId", false),
            new Case("get-instance", "{\"instanceId\":\"SW5zdGFuY2U6MQ==\"}", "instance",
                    "{\"id\":\"SW5zdGFuY2U6MQ==\"}",
                    "{\"instance\":" + INSTANCE.substring(0, INSTANCE.length() - 1) + ",\"flowConfigs\":{\"nodes\":["
                            + "{\"id\":\"RkM6MQ==\",\"webhookUrl\":\"https://hooks.example/trigger/abc\","
                            + "\"flow\":{\"id\":\"Rmxvdzox\",\"name\":\"Main\"}}]}}}",
                    "{\"flowConfigs\":{\"nodes\":[{\"webhookUrl\":\"https://hooks.example/trigger/abc\"}]}}",
                    "instanceId", false),
            new Case("get-integration", "{\"integrationId\":\"SW50ZWdyYXRpb246MQ==\"}", "integration",
                    "{\"id\":\"SW50ZWdyYXRpb246MQ==\"}",
                    "{\"integration\":" + INTEGRATION.substring(0, INTEGRATION.length() - 1)
                            + ",\"flows\":{\"nodes\":[{\"id\":\"Rmxvdzox\",\"stableKey\":\"main\",\"name\":\"Main\","
                            + "\"description\":null,\"testUrl\":\"https://hooks.example/test/abc\"}]}}}",
                    "{\"versionNumber\":4,\"flows\":{\"nodes\":[{\"stableKey\":\"main\"}]}}", "integrationId", false),
            new Case("import-integration",
                    "{\"integrationId\":\"SW50ZWdyYXRpb246MQ==\",\"definition\":\"name: Sync\\n\",\"replace\":true}",
                    "importIntegration",
                    "{\"definition\":\"name: Sync\\n\",\"integrationId\":\"SW50ZWdyYXRpb246MQ==\",\"replace\":true}",
                    "{\"importIntegration\":{\"integration\":" + INTEGRATION.replace("\"hasUnpublishedChanges\":false",
                            "\"hasUnpublishedChanges\":true") + ",\"errors\":[]}}",
                    "{\"hasUnpublishedChanges\":true}", "definition", true),
            new Case("list-components", "{\"first\":2,\"after\":\"YQ==\"}", "listComponents",
                    "{\"first\":2,\"after\":\"YQ==\"}",
                    "{\"components\":{\"nodes\":[{\"id\":\"Q29tcG9uZW50OjE=\",\"key\":\"http\",\"public\":true,"
                            + "\"label\":\"HTTP\",\"description\":\"HTTP requests\",\"versionNumber\":12,"
                            + "\"category\":\"Application Connectors\",\"versionCreatedAt\":\"2026-01-01T00:00:00Z\","
                            + "\"customer\":null}]," + PAGE_INFO + ",\"totalCount\":1}}",
                    "{\"nodes\":[{\"key\":\"http\",\"public\":true}],\"totalCount\":1}", null, false),
            new Case("list-customers", """
                    {"before":"Yg==","after":"YQ==","name":"Acme","offset":1,"externalId":"acme",
                     "descriptionContains":"big","labelContains":"eu","last":3,"nameContains":"cm",
                     "nameStartsWith":"Ac","first":2}""", "listCustomers", """
                    {"first":2,"after":"YQ==","last":3,"before":"Yg==","offset":1,"name":"Acme","externalId":"acme",
                     "description_Icontains":"big","labels_Icontains":"eu","name_Icontains":"cm",
                     "name_Istartswith":"Ac"}""",
                    "{\"customers\":{\"nodes\":[" + CUSTOMER + "]," + PAGE_INFO + ",\"totalCount\":1}}",
                    "{\"nodes\":[{\"externalId\":\"acme\"}],\"pageInfo\":{\"endCursor\":\"Yg==\"}}", null, false),
            new Case("list-flows", "{\"integrationId\":\"SW50ZWdyYXRpb246MQ==\",\"first\":5}", "listFlows",
                    "{\"integrationId\":\"SW50ZWdyYXRpb246MQ==\",\"first\":5}",
                    "{\"integration\":{\"flows\":{\"nodes\":[{\"id\":\"Rmxvdzox\",\"stableKey\":\"main\","
                            + "\"name\":\"Main\",\"description\":null,\"testUrl\":\"https://hooks.example/test/abc\"}],"
                            + PAGE_INFO + ",\"totalCount\":1}}}",
                    "{\"nodes\":[{\"id\":\"Rmxvdzox\",\"name\":\"Main\"}]}", "integrationId", false),
            new Case("list-instances", """
                    {"name":"Acme Sync","before":"Yg==","after":"YQ==","customer":"Q3VzdG9tZXI6MQ==","offset":1,
                     "compatibility":2,"customerExternalId":"acme","description":"d","descriptionContains":"s",
                     "enabled":true,"first":2,"integration":"SW50ZWdyYXRpb246MQ==","labelContains":"eu","last":3,
                     "nameContains":"Sync","needsDeploy":true,
                     "versionSequenceId":"3fa37001-0000-4000-8000-000000000001"}""", "listInstances", """
                    {"first":2,"after":"YQ==","last":3,"before":"Yg==","offset":1,"name":"Acme Sync",
                     "customer":"Q3VzdG9tZXI6MQ==","compatibility":2,"customer_ExternalId":"acme","description":"d",
                     "description_Icontains":"s","enabled":true,"integration":"SW50ZWdyYXRpb246MQ==",
                     "labels_Icontains":"eu","name_Icontains":"Sync","needsDeploy":true,
                     "integration_VersionSequenceId":"3fa37001-0000-4000-8000-000000000001"}""",
                    "{\"instances\":{\"nodes\":[" + INSTANCE + "]," + PAGE_INFO + ",\"totalCount\":1}}",
                    "{\"nodes\":[{\"name\":\"Acme Sync\",\"customer\":{\"externalId\":\"acme\"}}],\"totalCount\":1}",
                    null, false),
            new Case("list-integrations", """
                    {"after":"YQ==","before":"Yg==","name":"Sync","offset":1,"allVersions":true,"category":"ERP",
                     "categoryContains":"E","description":"d","descriptionContains":"s","first":2,
                     "hasInstances":true,"hasUnpublishedChanges":false,"labelContains":"eu","last":3,
                     "marketplace":false,"marketplaceConfig":"AVAILABLE_AND_DEPLOYABLE","nameContains":"yn",
                     "versionIsAvailable":true,"versionNumber":4,
                     "versionSequenceId":"3fa37001-0000-4000-8000-000000000001"}""", "listIntegrations", """
                    {"first":2,"after":"YQ==","last":3,"before":"Yg==","offset":1,"name":"Sync","allVersions":true,
                     "category":"ERP","category_Icontains":"E","description":"d","description_Icontains":"s",
                     "hasInstances":true,"hasUnpublishedChanges":false,"labels_Icontains":"eu","marketplace":false,
                     "marketplaceConfiguration_Iexact":"AVAILABLE_AND_DEPLOYABLE","name_Icontains":"yn",
                     "versionIsAvailable":true,"versionNumber":4,
                     "versionSequenceId":"3fa37001-0000-4000-8000-000000000001"}""",
                    "{\"integrations\":{\"nodes\":[" + INTEGRATION + "]," + PAGE_INFO + ",\"totalCount\":1}}",
                    "{\"nodes\":[{\"name\":\"Sync\",\"versionNumber\":4}]}", null, false),
            new Case("move-instance-to-version",
                    "{\"instanceId\":\"SW5zdGFuY2U6MQ==\",\"versionId\":\"SW50ZWdyYXRpb246MQ==\"}", "moveInstance",
                    "{\"id\":\"SW5zdGFuY2U6MQ==\",\"integration\":\"SW50ZWdyYXRpb246MQ==\"}",
                    "{\"moveInstance\":{\"instance\":" + INSTANCE + ",\"errors\":[]}}",
                    "{\"integration\":{\"id\":\"SW50ZWdyYXRpb246MQ==\",\"versionNumber\":3}}", "instanceId", true),
            new Case("plan-rollout",
                    "{\"versionSequenceId\":\"3fa37001-0000-4000-8000-000000000001\",\"canaryLabel\":\"eu\"}",
                    "listInstances", "{\"integration_VersionSequenceId\":\"3fa37001-0000-4000-8000-000000000001\","
                            + "\"first\":100,\"sortBy\":[{\"field\":\"CREATED_AT\",\"direction\":\"ASC\"}]}",
                    "{\"instances\":{\"nodes\":[" + INSTANCE + "]," + PAGE_INFO + ",\"totalCount\":1}}",
                    "{\"canary\":[{\"id\":\"SW5zdGFuY2U6MQ==\",\"labels\":[\"eu\"]}],\"rest\":[],\"total\":1}",
                    "versionSequenceId", false),
            new Case("publish-integration-version",
                    "{\"integrationId\":\"SW50ZWdyYXRpb246MQ==\",\"comments\":\"release\","
                            + "\"attributes\":{\"commitHash\":\"9f1c2ab\",\"repoUrl\":\"https://github.com/acme/int\"}}",
                    "publishIntegration",
                    "{\"id\":\"SW50ZWdyYXRpb246MQ==\",\"comment\":\"release\","
                            + "\"attributes\":\"{\\\"commitHash\\\":\\\"9f1c2ab\\\",\\\"repoUrl\\\":"
                            + "\\\"https://github.com/acme/int\\\"}\"}",
                    "{\"publishIntegration\":{\"integration\":" + INTEGRATION + ",\"errors\":[]}}",
                    "{\"versionNumber\":4,\"versionComment\":\"release\"}", "integrationId", true),
            new Case("raw-graphql-request",
                    "{\"query\":\"query myCustomer($myCustomerId: ID!) { customer(id: $myCustomerId) { id name "
                            + "externalId } }\",\"variables\":{\"myCustomerId\":\"Q3VzdG9tZXI6MQ==\"}}",
                    "myCustomer", "{\"myCustomerId\":\"Q3VzdG9tZXI6MQ==\"}",
                    "{\"customer\":{\"id\":\"Q3VzdG9tZXI6MQ==\",\"name\":\"Acme\",\"externalId\":\"acme\"}}",
                    "{\"customer\":{\"name\":\"Acme\"}}", "query", false),
            new Case("test-flow",
                    "{\"flowId\":\"Rmxvdzox\",\"payload\":\"{\\\"hello\\\":\\\"world\\\"}\","
                            + "\"contentType\":\"application/json\"}", "testIntegrationFlow",
                    "{\"id\":\"Rmxvdzox\",\"payload\":\"{\\\"hello\\\":\\\"world\\\"}\","
                            + "\"contentType\":\"application/json\"}",
                    "{\"testIntegrationFlow\":{\"testIntegrationFlowResult\":{\"flow\":{\"id\":\"Rmxvdzox\","
                            + "\"name\":\"Main\"},\"execution\":" + EXECUTION + ",\"statusCode\":200,"
                            + "\"headers\":\"{\\\"content-type\\\":\\\"application/json\\\"}\",\"body\":\"{}\"},"
                            + "\"errors\":[]}}",
                    "{\"executionId\":\"SW5zdGFuY2VFeGVjdXRpb25SZXN1bHQ6MQ==\",\"statusCode\":200,\"body\":\"{}\"}",
                    "flowId", true),
            new Case("update-instance", "{\"instanceId\":\"SW5zdGFuY2U6MQ==\",\"name\":\"Acme Sync\"}",
                    "updateInstance", "{\"id\":\"SW5zdGFuY2U6MQ==\",\"name\":\"Acme Sync\"}",
                    "{\"updateInstance\":{\"instance\":" + INSTANCE + ",\"errors\":[]}}",
                    "{\"name\":\"Acme Sync\"}", "instanceId", true),
            new Case("update-integration",
                    "{\"integrationId\":\"SW50ZWdyYXRpb246MQ==\",\"description\":\"Syncs\"}", "updateIntegration",
                    "{\"id\":\"SW50ZWdyYXRpb246MQ==\",\"description\":\"Syncs\"}",
                    "{\"updateIntegration\":{\"integration\":" + INTEGRATION + ",\"errors\":[]}}",
                    "{\"description\":\"Syncs\"}", "integrationId", true));

    private PrismaticCases() {
    }
}
