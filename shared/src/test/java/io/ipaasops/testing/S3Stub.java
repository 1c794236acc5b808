package io.ipaasops.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Amazon S3 at the wire, path-style ({@code /<bucket>/<key>}) as an SDK or our client sends it to a set endpoint:
 * GetObject, PutObject and ListObjectsV2 against an in-memory store, with S3's XML errors ({@code NoSuchKey}).
 * Every request is kept, signature headers included, for tests to check what was sent.
 */
public final class S3Stub implements AutoCloseable {

    private static final String STORE = "s3-store";

    /** One stored object. */
    private record Stored(byte[] bytes, Instant modified) {
    }

    private final Map<String, Stored> objects = new ConcurrentSkipListMap<>();
    private final WireMockServer server;

    /** Starts the stub with an empty store. */
    public S3Stub() {
        server = new WireMockServer(options().port(FreePort.find()).extensions(new Store()));
        server.start();
        reset();
    }

    /** The endpoint to configure ({@code AWS_ENDPOINT_URL_S3} or {@code ipaas.s3.endpoint}). */
    public String url() {
        return server.baseUrl();
    }

    /** The properties that point our S3 client at this stub. */
    public Map<String, String> properties() {
        return Map.of("ipaas.s3.endpoint", url());
    }

    /** The underlying server. */
    public WireMockServer server() {
        return server;
    }

    /** Empties the store and forgets requests and error stubs. */
    public void reset() {
        objects.clear();
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withTransformers(STORE)));
    }

    /** Stores {@code text} (UTF-8) as {@code bucket}/{@code key}. */
    public void put(String bucket, String key, String text) {
        objects.put(bucket + "/" + key, new Stored(text.getBytes(StandardCharsets.UTF_8), Instant.now()));
    }

    /** The object's text, if it is stored. */
    public Optional<String> object(String bucket, String key) {
        Stored stored = objects.get(bucket + "/" + key);
        return Optional.ofNullable(stored).map(s -> new String(s.bytes(), StandardCharsets.UTF_8));
    }

    /** {@code method} on {@code bucket}/{@code key} answers S3's error {@code code} with {@code status}. */
    public void fail(String method, String bucket, String key, int status, String code) {
        server.stubFor(request(method, urlPathEqualTo("/" + bucket + "/" + key)).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/xml")
                        .withBody(error(code, key))));
    }

    /** The requests with {@code method} to {@code bucket}/{@code key}, in order. */
    public List<LoggedRequest> requests(String method, String bucket, String key) {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(r -> r.getMethod().value().equals(method) && path(r).equals("/" + bucket + "/" + key))
                .sorted((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate())).toList();
    }

    /** Every request the stub received. */
    public List<LoggedRequest> requests() {
        return server.getAllServeEvents().stream().map(ServeEvent::getRequest).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static String path(LoggedRequest request) {
        return URI.create("http://stub" + request.getUrl()).getPath();
    }

    private static String error(String code, String resource) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + code
                + "</Message><Key>" + resource + "</Key><RequestId>stub</RequestId></Error>";
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Answers from the store as S3 would. */
    private final class Store implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return STORE;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            LoggedRequest request = event.getRequest();
            URI uri = URI.create("http://stub" + request.getUrl());
            String path = uri.getPath().substring(1);
            int slash = path.indexOf('/');
            String bucket = slash < 0 ? path : path.substring(0, slash);
            String key = slash < 0 ? "" : path.substring(slash + 1);
            String method = request.getMethod().value();
            if (method.equals("PUT") && !key.isEmpty()) {
                objects.put(bucket + "/" + key, new Stored(request.getBody(), Instant.now()));
                return new Answer(200, Map.of("ETag", "\"stub\""), new byte[0]).build();
            }
            if (method.equals("GET") && key.isEmpty() && String.valueOf(uri.getQuery()).contains("list-type=2")) {
                return new Answer(200, Map.of("Content-Type", "application/xml"),
                        listing(bucket, query(uri, "prefix")).getBytes(StandardCharsets.UTF_8)).build();
            }
            if (method.equals("GET")) {
                Stored stored = objects.get(bucket + "/" + key);
                return stored == null
                        ? new Answer(404, Map.of("Content-Type", "application/xml"),
                                error("NoSuchKey", key).getBytes(StandardCharsets.UTF_8)).build()
                        : new Answer(200, Map.of("Content-Type", "application/json"),
                                stored.bytes()).build();
            }
            return new Answer(405, Map.of("Content-Type", "application/xml"),
                    error("MethodNotAllowed", key).getBytes(StandardCharsets.UTF_8)).build();
        }

        private String listing(String bucket, String prefix) {
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + bucket
                    + "</Name><Prefix>" + xml(prefix) + "</Prefix>");
            int count = 0;
            for (Map.Entry<String, Stored> e : objects.entrySet()) {
                if (e.getKey().startsWith(bucket + "/" + prefix)) {
                    count++;
                    xml.append("<Contents><Key>").append(xml(e.getKey().substring(bucket.length() + 1)))
                            .append("</Key><LastModified>").append(e.getValue().modified()
                                    .truncatedTo(ChronoUnit.MILLIS)).append("</LastModified><ETag>\"stub\"</ETag>")
                            .append("<Size>").append(e.getValue().bytes().length)
                            .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
                }
            }
            return xml.append("<KeyCount>").append(count).append("</KeyCount><MaxKeys>1000</MaxKeys>")
                    .append("<IsTruncated>false</IsTruncated></ListBucketResult>").toString();
        }

        private String query(URI uri, String name) {
            for (String pair : String.valueOf(uri.getQuery()).split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
            return "";
        }
    }

    /** A response definition with a status, headers and a body. */
    private record Answer(int status, Map<String, String> headers, byte[] body) {

        ResponseDefinition build() {
            var builder = aResponse().withStatus(status).withBody(body);
            headers.forEach(builder::withHeader);
            return builder.build();
        }
    }
}
