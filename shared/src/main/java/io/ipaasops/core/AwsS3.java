package io.ipaasops.core;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The three Amazon S3 calls the workflows make (GetObject, PutObject, ListObjectsV2), signed with the SDK's SigV4
 * signer over the JDK HTTP client like {@link AwsJson}, not through the S3 service client (decisions 0025, 0028).
 *
 * <p>On AWS an object's URL is virtual-hosted ({@code https://<bucket>.s3.<region>.amazonaws.com/<key>}). Under an
 * endpoint set by {@code ipaas.s3.endpoint}, {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL} it is
 * path-style ({@code <endpoint>/<bucket>/<key>}), as S3-compatible stores expect. Nothing is resolved before the
 * first call; a call is tried up to three times like the SDK's standard retry mode.</p>
 */
@Singleton
public final class AwsS3 {

    static final int MAX_ATTEMPTS = 3;
    private static final String NO_CREDENTIALS = "NoCredentials";
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final byte[] NOTHING = new byte[0];

    /** One object of a listing. */
    public record Listed(String key, Instant lastModified, long size) {
    }

    private final Supplier<Optional<URI>> endpoint;
    private final Supplier<String> region;
    private final Supplier<AwsCredentialsProvider> credentials;
    private final boolean sign;
    private final Sleeper sleeper;

    /**
     * The client; {@code endpoint} may be null. {@code sign} false sends unsigned requests, for a local stand-in
     * that checks no signature (the local host's in-memory S3), so that no AWS credentials are needed there.
     */
    public AwsS3(@Nullable @Property(name = "ipaas.s3.endpoint") String endpoint,
                 @Property(name = "ipaas.s3.sign", defaultValue = "true") boolean sign, Sleeper sleeper) {
        this(new AwsEnvironment(), endpoint, sign, sleeper);
    }

    AwsS3(AwsEnvironment environment, @Nullable String endpoint, boolean sign, Sleeper sleeper) {
        this.endpoint = Once.of(() -> environment.configuredEndpoint(endpoint, "S3"));
        this.region = Once.of(environment::region);
        this.credentials = Once.of(environment::credentials);
        this.sign = sign;
        this.sleeper = sleeper;
    }

    /**
     * The object's bytes.
     *
     * @throws NotFoundException     when there is no such object (or bucket)
     * @throws UnauthorizedException when this role may not read it, or there are no AWS credentials
     * @throws TransientException    when S3 could not be reached, failed or throttled, after retries
     */
    public byte[] get(S3Location object) {
        return call(SdkHttpMethod.GET, url(object.bucket(), object.key(), null), NOTHING, null,
                "GetObject " + object.uri()).body();
    }

    /** Writes {@code body} as the object, replacing any; failures as {@link #get}. */
    public void put(S3Location object, byte[] body, String contentType) {
        call(SdkHttpMethod.PUT, url(object.bucket(), object.key(), null), body, contentType,
                "PutObject " + object.uri());
    }

    /** Every object whose key starts with {@code prefix}, in key order; failures as {@link #get}. */
    public List<Listed> list(String bucket, String prefix) {
        List<Listed> listed = new ArrayList<>();
        String token = null;
        do {
            String query = "list-type=2&prefix=" + encode(prefix, false)
                    + (token == null ? "" : "&continuation-token=" + encode(token, false));
            byte[] page = call(SdkHttpMethod.GET, url(bucket, "", query), NOTHING, null,
                    "ListObjectsV2 s3://" + bucket + "/" + prefix).body();
            token = readListing(page, listed);
        } while (token != null);
        return listed;
    }

    private HttpResponse<byte[]> call(SdkHttpMethod method, URI url, byte[] body, String contentType, String what) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            if (attempt > 1) {
                Tally.increment(Tally.Count.RETRIES);
                sleeper.sleep(AwsHttp.backoff(attempt, last instanceof AwsCallException e
                        && AwsHttp.THROTTLING.contains(e.code())));
            }
            try {
                HttpResponse<byte[]> response = send(method, url, body, contentType, what);
                if (response.statusCode() / 100 == 2) {
                    return response;
                }
                throw new AwsCallException(response.statusCode(), errorCode(response.body()),
                        what + " failed: HTTP " + response.statusCode(), null);
            } catch (AwsCallException e) {
                last = e;
                if (e.answered() && (e.status() == 429 || AwsHttp.THROTTLING.contains(e.code()))) {
                    Tally.increment(Tally.Count.RATE_LIMITS);
                }
                if (!retryable(e)) {
                    throw mapped(e, what);
                }
            }
        }
        throw mapped((AwsCallException) last, what);
    }

    private HttpResponse<byte[]> send(SdkHttpMethod method, URI url, byte[] body, String contentType, String what) {
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder().method(method).uri(url);
        if (contentType != null) {
            unsigned.putHeader("Content-Type", contentType);
        }
        AwsCredentialsIdentity identity = null;
        if (sign) {
            try {
                identity = credentials.get().resolveCredentials();
            } catch (RuntimeException e) {
                throw new AwsCallException(0, NO_CREDENTIALS, "no AWS credentials for " + what, e);
            }
        }
        // S3 signs the payload's hash (x-amz-content-sha256) and takes the path as it is, encoded once.
        return AwsHttp.send(unsigned.build(), body, identity, r -> r
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.get())
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true), what);
    }

    /** The URL of {@code key} in {@code bucket} (with {@code query}, if any), path-style under a set endpoint. */
    URI url(String bucket, String key, @Nullable String query) {
        String path = encode(key, true) + (query == null ? "" : "?" + query);
        Optional<URI> configured = endpoint.get();
        if (configured.isPresent()) {
            return URI.create(configured.get() + bucket + (key.isEmpty() && query != null ? "" : "/") + path);
        }
        String name = region.get().toLowerCase(Locale.ROOT);
        return URI.create("https://" + bucket + ".s3." + name + ".amazonaws.com" + (name.startsWith("cn-") ? ".cn" : "")
                + "/" + path);
    }

    /** What the SDK's standard mode retries: no answer (but not missing credentials), 5xx, throttling. */
    private static boolean retryable(AwsCallException e) {
        return !e.answered() ? !NO_CREDENTIALS.equals(e.code())
                : e.status() >= 500 || e.status() == 429 || AwsHttp.THROTTLING.contains(e.code());
    }

    private static ActionException mapped(AwsCallException e, String what) {
        String code = e.code().isEmpty() ? "" : " (" + e.code() + ")";
        if (NO_CREDENTIALS.equals(e.code())) {
            return new UnauthorizedException("no AWS credentials for " + what, List.of(), e);
        }
        if (!e.answered() || retryable(e)) {
            return new TransientException(what + ": S3 could not be reached or failed" + code, List.of(), e);
        }
        if (e.status() == 404) {
            return new NotFoundException(what + ": no such object" + code, List.of(), e);
        }
        if (e.status() == 403) {
            return new UnauthorizedException(what + ": refused" + code + "; the role may not use this object",
                    List.of(), e);
        }
        return new UpstreamException(what + ": S3 answered HTTP " + e.status() + code, List.of(), e);
    }

    private static String errorCode(byte[] body) {
        Matcher code = ERROR_CODE.matcher(new String(body, StandardCharsets.UTF_8));
        return code.find() ? code.group(1) : "";
    }

    /** Adds a ListObjectsV2 page's objects to {@code into}; the continuation token, or null on the last page. */
    private static String readListing(byte[] page, List<Listed> into) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // S3's answers never need a DTD; refusing them keeps the parser from fetching or expanding anything.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        String token = null;
        boolean truncated = false;
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(page));
            String key = null;
            Instant modified = Instant.EPOCH;
            long size = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("Contents")
                        && key != null) {
                    into.add(new Listed(key, modified, size));
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "Contents" -> {
                        key = null;
                        modified = Instant.EPOCH;
                        size = 0;
                    }
                    case "Key" -> key = xml.getElementText();
                    case "LastModified" -> modified = instant(xml.getElementText());
                    case "Size" -> size = Long.parseLong(xml.getElementText().trim());
                    case "IsTruncated" -> truncated = Boolean.parseBoolean(xml.getElementText().trim());
                    case "NextContinuationToken" -> token = xml.getElementText();
                    default -> {
                        // Other elements (ETag, StorageClass, Owner, ...) are not needed.
                    }
                }
            }
        } catch (XMLStreamException | NumberFormatException e) {
            throw new UpstreamException("S3 answered a listing that is not ListObjectsV2's XML", List.of(), e);
        }
        return truncated ? token : null;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** RFC 3986 percent-encoding as SigV4 wants it; {@code /} kept in a key's path. */
    static String encode(String text, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
