package io.ipaasops.testing;

import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.triggers.ExampleEvents;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON events AWS delivers to a Lambda function: the example event files of {@link ExampleEvents}, varied. */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> example(ExampleEvents kind) {
        return Json.read(kind.json(), LinkedHashMap.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    private static String body(String body, boolean base64) {
        return base64 ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)) : body;
    }

    /** An EventBridge event (a schedule when {@code detailJson} is {@code {}}). */
    public static String eventBridge(String id, String detailJson) {
        Map<String, Object> event = example(ExampleEvents.EVENTBRIDGE_SCHEDULE);
        event.put("id", id);
        event.put("detail", Json.read(detailJson, Object.class));
        return Json.write(event);
    }

    /** An API Gateway HTTP API (payload 2.0) request. */
    public static String apiGatewayV2(String route, String body, Map<String, String> headers,
                                      Map<String, String> pathParameters, boolean base64) {
        Map<String, Object> event = example(ExampleEvents.API_GATEWAY_V2);
        Map<String, Object> lower = new LinkedHashMap<>();
        lower.put("content-type", "application/json");
        headers.forEach((k, v) -> lower.put(k.toLowerCase(), v));
        event.put("routeKey", "POST " + route);
        event.put("rawPath", route);
        event.put("headers", lower);
        Map<String, Object> context = child(event, "requestContext");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", "POST " + route);
        child(context, "http").put("path", route);
        event.put("body", body(body, base64));
        event.put("isBase64Encoded", base64);
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        return Json.write(event);
    }

    /** An API Gateway REST API (v1 proxy) request. */
    public static String apiGatewayV1(String route, String body, Map<String, String> headers, boolean base64) {
        Map<String, Object> event = example(ExampleEvents.API_GATEWAY_V1);
        Map<String, Object> multi = new LinkedHashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        event.put("resource", route);
        event.put("path", route);
        event.put("headers", headers);
        event.put("multiValueHeaders", multi);
        Map<String, Object> context = child(event, "requestContext");
        context.put("resourcePath", route);
        context.put("requestId", UUID.randomUUID().toString());
        context.put("path", "/prod" + route);
        event.put("body", body(body, base64));
        event.put("isBase64Encoded", base64);
        return Json.write(event);
    }

    /** An SQS batch whose records have the given message ids and bodies (id, body, id, body, ...). */
    @SuppressWarnings("unchecked")
    public static String sqs(String... idsAndBodies) {
        Map<String, Object> event = example(ExampleEvents.SQS);
        Map<String, Object> template = ((List<Map<String, Object>>) event.get("Records")).get(0);
        List<Object> records = new ArrayList<>();
        for (int i = 0; i < idsAndBodies.length; i += 2) {
            Map<String, Object> record = new LinkedHashMap<>(template);
            record.put("messageId", idsAndBodies[i]);
            record.put("receiptHandle", "handle-" + idsAndBodies[i]);
            record.put("body", idsAndBodies[i + 1]);
            records.add(record);
        }
        event.put("Records", records);
        return Json.write(event);
    }
}
