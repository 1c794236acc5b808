package io.ipaasops.functions;

import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.functions.host.Launcher;
import io.ipaasops.functions.host.LocalHost;
import io.ipaasops.sandbox.Sandbox;
import io.ipaasops.sandbox.SandboxExamples;
import io.ipaasops.triggers.EventAdapter;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The local host on the built-in sandbox, and an HTTP client for it, as a newcomer would use them. */
final class HostClient implements AutoCloseable {

    /** One HTTP answer. */
    record Answer(int status, String body) {

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return Json.read(body, Map.class);
        }
    }

    private final Launcher launcher;
    private final LocalHost host;
    private final HttpClient http = HttpClient.newHttpClient();

    HostClient(Sandbox.Faults faults) throws IOException {
        launcher = Launcher.start(true, faults, "test");
        host = LocalHost.start(0, launcher.context().getBean(EventAdapter.class),
                launcher.context().getBean(JsonMapper.class), SandboxExamples.all());
    }

    Answer post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + host.port()
                + path)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + host.port()
                + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    /** Runs {@code action} with {@code input} and returns its output, failing unless the host answered 200. */
    Map<String, Object> run(String action, String input) throws IOException, InterruptedException {
        String platform = Actions.named(action).orElseThrow().platform().route();
        Answer answer = post("/" + platform + "/" + action, input);
        if (answer.status() != 200) {
            throw new AssertionError(action + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json();
    }

    @Override
    public void close() {
        host.close();
        launcher.close();
    }
}
