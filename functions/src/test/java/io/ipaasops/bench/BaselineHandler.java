package io.ipaasops.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cold-start baseline: a plain {@code RequestHandler} with {@code java.net.http} and no framework, doing the
 * same work as ours: the refresh token from Secrets Manager (SigV4-signed, when {@code PRISMATIC_SECRET_ID} is
 * set), the token exchange, the GraphQL call, and for an EventBridge event with {@code IDEMPOTENCY_TABLE} set the
 * DynamoDB claim and completion. No DI, no JSON library, no retries.
 */
public final class BaselineHandler implements RequestHandler<Map<String, Object>, String> {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern REFRESH = Pattern.compile("refreshToken\\\\\"\\s*:\\s*\\\\\"([^\"\\\\]+)");
    private static final String DEPLOY = "mutation deployInstance($id: ID!, $force: Boolean) { deployInstance("
            + "input: {id: $id, force: $force}) { instance { id name needsDeploy deployedVersion lastDeployedAt }"
            + " errors { field messages } } }";
    private static final String GET = "query instance($id: ID!) { instance(id: $id) { id name enabled"
            + " deployedVersion needsDeploy lastDeployedAt customer { id name } integration { id name } } }";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url = System.getenv("PRISMATIC_URL");
    private String token;

    @Override
    @SuppressWarnings("unchecked")
    public String handleRequest(Map<String, Object> event, Context context) {
        try {
            String table = System.getenv("IDEMPOTENCY_TABLE");
            String key = event.get("detail") instanceof Map && table != null ? (String) event.get("id") : null;
            Map<String, Object> input = event.get("detail") instanceof Map ? (Map<String, Object>) event.get("detail")
                    : event;
            if (key != null) {
                aws("dynamodb", "DynamoDB_20120810.PutItem", "application/x-amz-json-1.0", "{\"TableName\":\""
                        + table + "\",\"Item\":{\"pk\":{\"S\":\"deploy-instance#" + key + "\"},\"status\":{\"S\":"
                        + "\"IN_PROGRESS\"}},\"ConditionExpression\":\"attribute_not_exists(pk)\"}");
            }
            String output = call(input);
            if (key != null) {
                aws("dynamodb", "DynamoDB_20120810.PutItem", "application/x-amz-json-1.0", "{\"TableName\":\""
                        + table + "\",\"Item\":{\"pk\":{\"S\":\"deploy-instance#" + key + "\"},\"status\":{\"S\":"
                        + "\"COMPLETED\"},\"result\":{\"S\":\"" + output.replace("\"", "\\\"") + "\"}}}");
            }
            return output;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private String call(Map<String, Object> input) throws Exception {
        if (token == null) {
            String secretId = System.getenv("PRISMATIC_SECRET_ID");
            String refresh = System.getenv("PRISM_REFRESH_TOKEN");
            if (secretId != null) {
                Matcher m = REFRESH.matcher(aws("secretsmanager", "secretsmanager.GetSecretValue",
                        "application/x-amz-json-1.1", "{\"SecretId\":\"" + secretId + "\"}"));
                refresh = m.find() ? m.group(1) : null;
            }
            HttpResponse<String> refreshed = http.send(HttpRequest.newBuilder(URI.create(url + "/auth/refresh"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"refresh_token\":\"" + refresh + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = TOKEN.matcher(refreshed.body());
            token = m.find() ? m.group(1) : null;
        }
        String document = "get".equals(System.getenv("BASELINE_OPERATION")) ? GET : DEPLOY;
        String body = "{\"query\":\"" + document.replace("\"", "\\\"") + "\",\"variables\":{\"id\":\""
                + input.get("instanceId") + "\"}}";
        return http.send(HttpRequest.newBuilder(URI.create(url + "/api"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** One AWS JSON-protocol call, signed with SigV4 from the Lambda environment's credentials. */
    private String aws(String service, String target, String contentType, String body) throws Exception {
        String region = System.getenv("AWS_REGION");
        String override = System.getenv(service.equals("dynamodb") ? "AWS_ENDPOINT_URL_DYNAMODB"
                : "AWS_ENDPOINT_URL_SECRETS_MANAGER");
        URI uri = URI.create(override != null ? override + "/" : "https://" + service + "." + region
                + ".amazonaws.com/");
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        String amzDate = now.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        String date = amzDate.substring(0, 8);
        String sessionToken = System.getenv("AWS_SESSION_TOKEN");
        String signedHeaders = "content-type;host;x-amz-date;" + (sessionToken != null ? "x-amz-security-token;" : "")
                + "x-amz-target";
        String canonical = "POST\n/\n\ncontent-type:" + contentType + "\nhost:" + host + "\nx-amz-date:" + amzDate
                + "\n" + (sessionToken != null ? "x-amz-security-token:" + sessionToken + "\n" : "") + "x-amz-target:"
                + target + "\n\n" + signedHeaders + "\n" + sha256(body);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256(canonical);
        byte[] key = hmac(("AWS4" + System.getenv("AWS_SECRET_ACCESS_KEY")).getBytes(StandardCharsets.UTF_8), date);
        for (String part : new String[] {region, service, "aws4_request"}) {
            key = hmac(key, part);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", contentType)
                .header("X-Amz-Date", amzDate).header("X-Amz-Target", target)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + System.getenv("AWS_ACCESS_KEY_ID") + "/"
                        + scope + ", SignedHeaders=" + signedHeaders + ", Signature="
                        + HexFormat.of().formatHex(hmac(key, toSign)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (sessionToken != null) {
            request.header("X-Amz-Security-Token", sessionToken);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(target + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
