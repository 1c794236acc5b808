package io.ipaasops.github;

import io.ipaasops.core.FieldError;
import io.ipaasops.core.HttpTransport;
import io.ipaasops.core.NotFoundException;
import io.ipaasops.core.Platform;
import io.ipaasops.core.Redactor;
import io.ipaasops.core.UnauthorizedException;
import io.ipaasops.core.UpstreamException;
import io.ipaasops.core.Urls;
import io.ipaasops.core.ValidationException;
import io.ipaasops.credentials.CredentialsProvider;
import io.ipaasops.credentials.GitHubCredentials;
import io.ipaasops.credentials.RefreshOnce;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * GitHub's REST API: reads one file of a repository at a commit, branch or tag through the contents API.
 *
 * <p>Anonymous when no token is configured (public repositories only). GitHub's rate limits are 403 or 429 with
 * {@code retry-after}, or with {@code x-ratelimit-remaining: 0} and {@code x-ratelimit-reset}: the transport waits
 * and retries when that fits the deadline, and otherwise fails as transient saying when to come back.</p>
 */
@Singleton
public final class GitHubClient {

    /** The REST API version every request names. */
    static final String API_VERSION = "2022-11-28";
    /** The contents API answers a file's bytes, not JSON, for this media type. */
    static final String RAW = "application/vnd.github.raw+json";
    /** GitHub's advice for a rate limit that says neither when nor how long: wait a minute. */
    static final Duration UNSPECIFIED_WAIT = Duration.ofMinutes(1);

    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*)/[A-Za-z0-9._-]+");
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private final GitHubConfig config;
    private final CredentialsProvider<GitHubCredentials> credentials;
    private final HttpTransport transport;
    private final JsonMapper mapper;
    private final Clock clock;

    /** Creates the client; credentials are read on the first call. */
    public GitHubClient(GitHubConfig config, CredentialsProvider<GitHubCredentials> credentials,
                        HttpTransport transport, JsonMapper mapper, Clock clock) {
        this.config = config;
        this.credentials = credentials;
        this.transport = transport;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * The file at {@code path} in {@code repository} ({@code owner/name}) at {@code ref}, as UTF-8 text.
     *
     * @throws ValidationException when an argument is malformed, or the path is a directory or not UTF-8 text
     * @throws NotFoundException   when GitHub has no such repository, file or ref (or hides a private one)
     */
    public GitHubFile readFile(String repository, String path, String ref) {
        String file = validate(repository, path, ref);
        String url = url("/repos/" + repository + "/contents/" + segments(file), ref);
        HttpTransport.Response response = RefreshOnce.call(() -> credentials.get().token(),
                token -> transport.send(Platform.GITHUB, request(url, token), HttpTransport.Repeat.SAFE,
                        this::rateLimitWait),
                r -> r.status() == 401, refused -> credentials.refresh());
        if (!response.ok()) {
            throw error(response, repository, file, ref);
        }
        String type = response.header(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.startsWith("application/json")) {
            // With the raw media type a file comes back as its bytes; JSON means a directory listing (or submodule).
            throw new ValidationException("GitHub: " + file + " in " + repository + " at " + ref + " is not a file",
                    List.of(new FieldError("path", "names a directory, not a file")));
        }
        return new GitHubFile(repository, file, ref, utf8(response.body(), file));
    }

    private MutableHttpRequest<?> request(String url, String token) {
        MutableHttpRequest<?> request = HttpRequest.GET(url).header(HttpHeaders.ACCEPT, RAW)
                .header("X-GitHub-Api-Version", API_VERSION);
        return token == null ? request : request.bearerAuth(token);
    }

    /**
     * The wait a rate-limited answer asks for, or null when it is none: GitHub says 403 or 429, with
     * {@code retry-after}, or {@code x-ratelimit-remaining: 0} and the reset time; a 429 without either, a minute.
     */
    Duration rateLimitWait(int status, HttpHeaders headers) {
        if (status != 403 && status != 429) {
            return null;
        }
        if (headers.get("retry-after") != null) {
            return HttpTransport.retryAfter(headers.get("retry-after"));
        }
        if ("0".equals(headers.get("x-ratelimit-remaining"))) {
            try {
                Instant reset = Instant.ofEpochSecond(Long.parseLong(headers.get("x-ratelimit-reset").trim()));
                Duration wait = Duration.between(clock.instant(), reset);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException e) {
                return UNSPECIFIED_WAIT;
            }
        }
        return status == 429 ? UNSPECIFIED_WAIT : null;
    }

    private RuntimeException error(HttpTransport.Response response, String repository, String file, String ref) {
        String message = message(response.body());
        String detail = message == null ? "HTTP " + response.status() : message + " (HTTP " + response.status() + ")";
        return switch (response.status()) {
            case 401 -> new UnauthorizedException("GitHub refused the token (HTTP 401); check GITHUB_TOKEN / the"
                    + " GitHub secret");
            // A 403 that is no rate limit: the token may not read this repository.
            case 403 -> new UnauthorizedException("GitHub refused access to " + repository + ": " + detail
                    + "; check the token's permissions (Contents: read)");
            case 404 -> new NotFoundException("GitHub: no file " + file + " in " + repository + " at " + ref
                    + (credentials.get().token() == null ? " (no token is configured: private repositories"
                    + " need GITHUB_TOKEN or GITHUB_SECRET_ID)" : ""), List.of(new FieldError("path",
                    "not found in " + repository + " at " + ref)));
            default -> new UpstreamException("GitHub: " + detail);
        };
    }

    /** GitHub's error {@code message}, secrets masked, or null when the body is not its error JSON. */
    private String message(byte[] body) {
        try {
            Map<String, Object> json = body.length == 0 ? null : mapper.readValue(body, OBJECT);
            return json != null && json.get("message") instanceof String m ? Redactor.scrub(m) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Checks the arguments and returns the path without leading slashes. */
    private static String validate(String repository, String path, String ref) {
        List<FieldError> problems = new ArrayList<>();
        if (repository == null || !REPOSITORY.matcher(repository).matches()) {
            problems.add(new FieldError("repository", "must be owner/name, such as octocat/Hello-World"));
        }
        String file = path == null ? "" : path.replaceFirst("^/+", "");
        if (file.isBlank()) {
            problems.add(new FieldError("path", "must name a file in the repository"));
        } else if (Arrays.stream(file.split("/", -1)).anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            // Such a path would leave the contents API for another endpoint once the URL is normalised.
            problems.add(new FieldError("path", "must not have empty, '.' or '..' segments"));
        }
        if (ref == null || ref.isBlank()) {
            problems.add(new FieldError("ref", "must name a commit, branch or tag"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("invalid GitHub file reference", problems);
        }
        return file;
    }

    private static String utf8(byte[] bytes, String file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ValidationException("GitHub: " + file + " is not UTF-8 text",
                    List.of(new FieldError("path", "is a binary file, not UTF-8 text")));
        }
    }

    private String url(String path, String ref) {
        return UriBuilder.of(Urls.join(config.getApiUrl(), path)).queryParam("ref", ref).build().toString();
    }

    /** Each segment percent-encoded, the slashes between them kept. */
    private static String segments(String path) {
        return Arrays.stream(path.split("/")).map(Urls::segment).collect(Collectors.joining("/"));
    }
}
