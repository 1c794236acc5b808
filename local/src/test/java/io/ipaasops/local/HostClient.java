package io.ipaasops.local;

import io.ipaasops.functions.Actions;
import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.local.host.HostLimits;
import io.ipaasops.local.host.HostOptions;
import io.ipaasops.local.host.Launcher;
import io.ipaasops.local.host.LocalHost;
import io.ipaasops.sandbox.Sandbox;
import io.ipaasops.sandbox.SandboxExamples;
import io.ipaasops.triggers.EventAdapter;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The local host on the built-in sandbox, and an HTTP client for it, as a newcomer would use them. */
final class HostClient implements AutoCloseable {

    /** How long any one request of a test may take before the test fails rather than hangs. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    /** One HTTP answer. */
    record Answer(int status, String body, HttpHeaders headers) {

        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return Json.read(body, Map.class);
        }

        /** The first value of a response header, or the empty string. */
        String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    private final Launcher launcher;
    private final LocalHost host;
    private final HttpClient http = HttpClient.newHttpClient();

    HostClient(Sandbox.Faults faults) throws IOException {
        this(faults, HostLimits.DEFAULT);
    }

    HostClient(Sandbox.Faults faults, HostLimits limits) throws IOException {
        // The defaults a user gets, on any free port.
        HostOptions options = HostOptions.parse(java.util.List.of("--port", "0"), Map.of());
        host = LocalHost.bind(options.address(), limits);
        launcher = Launcher.start(true, faults, "test");
        host.start(launcher.context(), SandboxExamples.all());
    }

    Answer post(String path, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** GET as a program reading JSON asks for it. */
    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).header("Accept", "application/json").GET());
    }

    /** Any request to {@code path}, as the given builder makes it. */
    Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), response.headers());
    }

    /** The in-memory S3 the host's workflows keep their data in. */
    io.ipaasops.local.workflows.LocalS3 s3() {
        return launcher.s3();
    }

    /** A request builder for {@code path} on this host, bounded in time. */
    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + host.port() + path)).timeout(PATIENCE);
    }

    /** The address the host is bound to. */
    InetSocketAddress address() {
        return host.address();
    }

    int port() {
        return host.port();
    }

    /** Runs {@code action} with {@code input} and returns its output, failing unless the host answered 200. */
    Map<String, Object> run(String action, String input) throws IOException, InterruptedException {
        Answer answer = post(Actions.named(action).orElseThrow().route(), input);
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
