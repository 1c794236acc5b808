package io.ipaasops.local.workflows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A minimal in-memory Amazon S3 on a loopback port, for the workflows' data on the local host: GetObject,
 * PutObject and ListObjectsV2, path-style ({@code /<bucket>/<key>}), with S3's XML errors; no signature is checked.
 *
 * <p>The functions reach it through {@code ipaas.s3.endpoint}, as {@code AWS_ENDPOINT_URL_S3} points an SDK at an
 * S3-compatible store; the local engine's {@code ItemReader} and {@code ResultWriter} use its URL. Past a memory
 * budget the oldest objects go first, as the bucket's lifecycle rule expires them on AWS.</p>
 */
public final class LocalS3 implements AutoCloseable {

    /** The bucket the local engine gives the workflows for {@code ${WorkflowBucket}}. */
    public static final String BUCKET = "ipaas-ops-workflow-data";
    /** The most bytes kept; the oldest objects are dropped beyond it. */
    static final long BUDGET = 256L * 1024 * 1024;
    /** The largest object accepted. */
    static final int LARGEST_OBJECT = 64 * 1024 * 1024;
    private static final String XML = "application/xml";

    /** One stored object. */
    private record Stored(byte[] bytes, String contentType, Instant modified) {
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final LinkedHashMap<String, Stored> objects = new LinkedHashMap<>();
    private long bytes;

    private LocalS3(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Starts a stand-in on a free loopback port. */
    public static LocalS3 start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "local-s3");
            thread.setDaemon(true);
            return thread;
        });
        LocalS3 s3 = new LocalS3(server, workers);
        server.createContext("/", s3::handle);
        server.setExecutor(workers);
        server.start();
        return s3;
    }

    /** Where it listens, without a trailing slash. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The properties that point our S3 client at it, unsigned (nothing here checks a signature). */
    public Map<String, Object> properties() {
        return Map.of("ipaas.s3.endpoint", url(), "ipaas.s3.sign", false);
    }

    /** The object's bytes, if it is stored. */
    public synchronized Optional<byte[]> object(String bucket, String key) {
        return Optional.ofNullable(objects.get(bucket + "/" + key)).map(Stored::bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
            int slash = path.indexOf('/');
            String bucket = slash < 0 ? path : path.substring(0, slash);
            String key = slash < 0 ? "" : path.substring(slash + 1);
            String method = exchange.getRequestMethod();
            String query = exchange.getRequestURI().getRawQuery();
            if (bucket.isEmpty()) {
                send(exchange, 400, XML, error("InvalidBucketName", "/"));
            } else if (key.isEmpty() && method.equals("GET") && query != null && query.contains("list-type=2")) {
                send(exchange, 200, XML, listing(bucket, parameter(query, "prefix")).getBytes(StandardCharsets.UTF_8));
            } else if (key.isEmpty()) {
                send(exchange, 405, XML, error("MethodNotAllowed", bucket));
            } else if (method.equals("PUT")) {
                put(exchange, bucket, key);
            } else if (method.equals("GET") || method.equals("HEAD")) {
                Stored stored = stored(bucket, key);
                if (stored == null) {
                    send(exchange, 404, XML, error("NoSuchKey", key));
                } else {
                    send(exchange, 200, stored.contentType(), stored.bytes());
                }
            } else if (method.equals("DELETE")) {
                remove(bucket + "/" + key);
                send(exchange, 204, XML, new byte[0]);
            } else {
                send(exchange, 405, XML, error("MethodNotAllowed", key));
            }
        }
    }

    private void put(HttpExchange exchange, String bucket, String key) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(LARGEST_OBJECT + 1);
        if (body.length > LARGEST_OBJECT) {
            send(exchange, 400, XML, error("EntityTooLarge", key));
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        store(bucket + "/" + key, new Stored(body, type == null ? "binary/octet-stream" : type, Instant.now()));
        exchange.getResponseHeaders().set("ETag", "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"");
        send(exchange, 200, XML, new byte[0]);
    }

    private synchronized Stored stored(String bucket, String key) {
        return objects.get(bucket + "/" + key);
    }

    private synchronized void store(String id, Stored stored) {
        remove(id);
        objects.put(id, stored);
        bytes += stored.bytes().length;
        Iterator<Map.Entry<String, Stored>> oldest = objects.entrySet().iterator();
        while (bytes > BUDGET && oldest.hasNext()) {
            bytes -= oldest.next().getValue().bytes().length;
            oldest.remove();
        }
    }

    private synchronized void remove(String id) {
        Stored old = objects.remove(id);
        if (old != null) {
            bytes -= old.bytes().length;
        }
    }

    private synchronized String listing(String bucket, String prefix) {
        List<Map.Entry<String, Stored>> matching = new ArrayList<>();
        objects.entrySet().stream().filter(e -> e.getKey().startsWith(bucket + "/" + prefix))
                .sorted(Map.Entry.comparingByKey()).forEach(matching::add);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult"
                + " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>" + escape(bucket) + "</Name><Prefix>"
                + escape(prefix) + "</Prefix><KeyCount>" + matching.size() + "</KeyCount><MaxKeys>"
                + Math.max(1000, matching.size()) + "</MaxKeys><IsTruncated>false</IsTruncated>");
        for (Map.Entry<String, Stored> e : matching) {
            xml.append("<Contents><Key>").append(escape(e.getKey().substring(bucket.length() + 1)))
                    .append("</Key><LastModified>").append(e.getValue().modified().truncatedTo(ChronoUnit.MILLIS))
                    .append("</LastModified><Size>").append(e.getValue().bytes().length)
                    .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        return xml.append("</ListBucketResult>").toString();
    }

    private static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private static byte[] error(String code, String resource) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + code
                + "</Message><Resource>" + escape(resource) + "</Resource></Error>").getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean empty = body.length == 0 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            exchange.getResponseBody().write(body);
        }
    }
}
