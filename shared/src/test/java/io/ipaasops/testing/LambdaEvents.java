package io.ipaasops.testing;

import com.github.tomakehurst.wiremock.common.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the JSON events AWS delivers to a Lambda function, in the shapes AWS documents for each trigger. */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    /** An EventBridge event (a schedule when {@code detailJson} is {@code {}}). */
    public static String eventBridge(String id, String detailJson) {
        return "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                + "\"account\":\"123456789012\",\"time\":\"2026-11-22T12:00:00Z\",\"region\":\"eu-west-1\","
                + "\"resources\":[\"arn:aws:events:eu-west-1:123456789012:rule/nightly\"],\"detail\":" + detailJson + "}";
    }

    /** An API Gateway HTTP API (payload 2.0) request. */
    public static String apiGatewayV2(String route, String body, Map<String, String> headers,
                                      Map<String, String> pathParameters, boolean base64) {
        Map<String, Object> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        lower.putIfAbsent("content-type", "application/json");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", "POST " + route);
        event.put("rawPath", route);
        event.put("rawQueryString", "");
        event.put("headers", lower);
        event.put("requestContext", Map.of("accountId", "123456789012", "apiId", "abc123", "domainName",
                "abc123.execute-api.eu-west-1.amazonaws.com", "domainPrefix", "abc123",
                "http", Map.of("method", "POST", "path", route, "protocol", "HTTP/1.1", "sourceIp", "203.0.113.7",
                        "userAgent", "GitHub-Hookshot/abc"),
                "requestId", UUID.randomUUID().toString(), "routeKey", "POST " + route, "stage", "$default",
                "time", "22/Nov/2026:12:00:00 +0000", "timeEpoch", 1795780800000L));
        event.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        event.put("isBase64Encoded", base64);
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        return Json.write(event);
    }

    /** An API Gateway REST API (v1 proxy) request. */
    public static String apiGatewayV1(String route, String body, Map<String, String> headers, boolean base64) {
        Map<String, Object> multi = new LinkedHashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("resource", route);
        event.put("path", route);
        event.put("httpMethod", "POST");
        event.put("headers", headers);
        event.put("multiValueHeaders", multi);
        event.put("requestContext", Map.of("resourcePath", route, "httpMethod", "POST", "requestId",
                UUID.randomUUID().toString(), "accountId", "123456789012", "stage", "prod", "path", "/prod" + route,
                "identity", Map.of("sourceIp", "203.0.113.7")));
        event.put("body", base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body);
        event.put("isBase64Encoded", base64);
        return Json.write(event);
    }

    /** An SQS batch whose records have the given message ids and bodies (id, body, id, body, ...). */
    public static String sqs(String... idsAndBodies) {
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < idsAndBodies.length; i += 2) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("messageId", idsAndBodies[i]);
            record.put("receiptHandle", "handle-" + idsAndBodies[i]);
            record.put("body", idsAndBodies[i + 1]);
            record.put("attributes", Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1795780800000",
                    "SenderId", "AIDAEXAMPLE", "ApproximateFirstReceiveTimestamp", "1795780800001"));
            record.put("messageAttributes", Map.of());
            record.put("md5OfBody", "0");
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", "arn:aws:sqs:eu-west-1:123456789012:ipaas-deploy");
            record.put("awsRegion", "eu-west-1");
            records.add(record);
        }
        return Json.write(Map.of("Records", records));
    }
}
