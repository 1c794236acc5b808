package io.ipaasops.local;

import io.ipaasops.sandbox.Sandbox;
import java.io.IOException;
import java.util.Map;

/** The in-process local host on the sandbox, for tests outside this package (HostClient stays package-private). */
public final class HostAccess implements AutoCloseable {

    private final HostClient client;

    private HostAccess(HostClient client) {
        this.client = client;
    }

    /** Starts a host on a free loopback port, every platform on the sandbox. */
    public static HostAccess start(Sandbox.Faults faults) throws IOException {
        return new HostAccess(new HostClient(faults));
    }

    /** The host's base URL. */
    public String url() {
        return "http://127.0.0.1:" + client.port();
    }

    /** The URL of the in-memory S3 the host's workflows keep their data in. */
    public String s3Url() {
        return client.s3().url();
    }

    /** The text of an object in the host's in-memory S3, if it is there. */
    public java.util.Optional<String> s3Object(String bucket, String key) {
        return client.s3().object(bucket, key).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Runs an action through the host and returns its output, failing unless it answered 200. */
    public Map<String, Object> run(String action, String input) throws IOException, InterruptedException {
        return client.run(action, input);
    }

    /** POSTs {@code body} to {@code path} with {@code headers} and returns the status and body. */
    public Map.Entry<Integer, String> post(String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        java.net.http.HttpRequest.Builder request = client.request(path)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HostClient.Answer answer = client.send(request);
        return Map.entry(answer.status(), answer.body());
    }

    /** GETs {@code path} and returns the status and body. */
    public Map.Entry<Integer, String> get(String path) throws IOException, InterruptedException {
        HostClient.Answer answer = client.get(path);
        return Map.entry(answer.status(), answer.body());
    }

    @Override
    public void close() {
        client.close();
    }
}
