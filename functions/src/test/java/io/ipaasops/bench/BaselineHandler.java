package io.ipaasops.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cold-start baseline: a plain {@code RequestHandler} with {@code java.net.http} and no framework, making the
 * same token exchange and the same GraphQL call as deploy-instance. No DI, no JSON library, no retries.
 */
public final class BaselineHandler implements RequestHandler<Map<String, Object>, String> {

    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String DOCUMENT = "mutation deployInstance($id: ID!, $force: Boolean) { deployInstance("
            + "input: {id: $id, force: $force}) { instance { id name needsDeploy deployedVersion lastDeployedAt }"
            + " errors { field messages } } }";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String url = System.getenv("PRISMATIC_URL");
    private String token;

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        try {
            if (token == null) {
                HttpResponse<String> refreshed = http.send(HttpRequest.newBuilder(URI.create(url + "/auth/refresh"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"refresh_token\":\""
                                + System.getenv("PRISM_REFRESH_TOKEN") + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher m = TOKEN.matcher(refreshed.body());
                token = m.find() ? m.group(1) : null;
            }
            String body = "{\"query\":\"" + DOCUMENT.replace("\"", "\\\"") + "\",\"variables\":{\"id\":\""
                    + input.get("instanceId") + "\"}}";
            return http.send(HttpRequest.newBuilder(URI.create(url + "/api"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
