package io.ipaasops.prismatic;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.ipaasops.core.ConflictException;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.HttpTransport;
import io.ipaasops.core.Platform;
import io.ipaasops.core.NotFoundException;
import io.ipaasops.core.UnauthorizedException;
import io.ipaasops.core.UpstreamException;
import io.ipaasops.core.ValidationException;
import io.ipaasops.credentials.RefreshOnce;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sends GraphQL documents to {@code POST {url}/api} and checks both of Prismatic's error layers.
 *
 * <p>Top-level {@code errors} become {@link NotFoundException} or {@link UpstreamException} (or, for a caller's own
 * document, a {@link ValidationException} when the server could not parse or validate it). A mutation payload's
 * {@code errors{field messages}} become a {@link ValidationException} carrying the field messages, or a
 * {@link ConflictException} when none is tied to a field: the platform refused the operation as such. An auth
 * failure refreshes the access token once and retries once: a refused request surely did not apply.</p>
 */
@Singleton
public final class GraphQl {

    private static final Pattern AUTH_FAILURE = Pattern.compile(
            "(?i)(unauthori[sz]ed|not authenticated|authentication (failed|required)|invalid token|token (has )?expired"
                    + "|signature has expired|jwt)");
    private static final Pattern NOT_FOUND = Pattern.compile("(?i)(does not exist|not found|no .+ matches)");
    /** GraphQL's own parse and validation messages (graphql-core's and graphql-java's): the document is at fault. */
    private static final Pattern DOCUMENT_ERROR = Pattern.compile("(?i)^(syntax error|invalid syntax|validation error"
            + "|cannot query field|unknown "
            + "(argument|type|fragment|directive|operation)|variable \"\\$|field \".+\" (of type|must not have)"
            + "|argument \".+\" (of|has)|expected type|.*got invalid value|.*must have a (sub)?selection)");

    private final PrismaticConfig config;
    private final PrismaticAuth auth;
    private final HttpTransport transport;
    private final JsonMapper mapper;

    /** Creates the GraphQL transport. */
    public GraphQl(PrismaticConfig config, PrismaticAuth auth, HttpTransport transport, JsonMapper mapper) {
        this.config = config;
        this.auth = auth;
        this.transport = transport;
        this.mapper = mapper;
    }

    /** The request body Prism sends: the document, its variables ({@code {}} when none) and the operation to run. */
    @Serdeable
    record Request(String query, Map<String, Object> variables,
                   @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String operationName) {
    }

    /** Executes {@code document} with {@code variables} and returns the response's {@code data}. */
    public JsonNode execute(GraphQlDocument document, Map<String, Object> variables) {
        return execute(new Request(document.text(), variables, null), document.mutation(), false);
    }

    /**
     * Executes a caller's document: a mutation unless it surely runs a query, and the caller's mistake (a
     * {@link ValidationException}) when it does not parse or validate.
     */
    public JsonNode executeRaw(String query, Map<String, Object> variables, @Nullable String operationName) {
        boolean mutation = GraphQlOperations.mayChange(query, operationName);
        return execute(new Request(query, variables, operationName), mutation, true);
    }

    private JsonNode execute(Request request, boolean mutation, boolean callers) {
        byte[] body = encode(request);
        HttpTransport.Repeat repeat = mutation ? HttpTransport.Repeat.ONCE : HttpTransport.Repeat.SAFE;
        Reply reply = RefreshOnce.call(auth::accessToken, token -> send(body, token, repeat), Reply::authFailure,
                auth::invalidate);
        if (reply.authFailure()) {
            throw new UnauthorizedException("Prismatic refused a freshly exchanged access token ("
                    + reply.describe() + ")");
        }
        return reply.data(mutation, callers);
    }

    private Reply send(byte[] body, String token, HttpTransport.Repeat repeat) {
        HttpTransport.Response response = transport.send(Platform.PRISMATIC,
                HttpRequest.POST(config.endpoint("/api"), body)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .accept(MediaType.APPLICATION_JSON_TYPE)
                .bearerAuth(token), repeat);
        return new Reply(response.status(), parse(response.body()));
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = mapper.readValue(body, JsonNode.class);
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private byte[] encode(Request request) {
        try {
            return mapper.writeValueAsBytes(request);
        } catch (IOException e) {
            throw new IllegalStateException("could not encode a GraphQL request", e);
        }
    }

    /** One response: its status and JSON body (null when the body is not a JSON object). */
    private record Reply(int status, JsonNode json) {

        List<String> messages() {
            List<String> messages = new ArrayList<>();
            JsonNode errors = json == null ? null : json.get("errors");
            if (errors != null && errors.isArray()) {
                for (JsonNode error : errors.values()) {
                    JsonNode message = error.get("message");
                    messages.add(message != null && message.isString() ? message.getStringValue() : "unknown error");
                }
            }
            return messages;
        }

        boolean authFailure() {
            if (status == 401 || status == 403) {
                return true;
            }
            return messages().stream().anyMatch(m -> AUTH_FAILURE.matcher(m).find());
        }

        String describe() {
            List<String> messages = messages();
            return messages.isEmpty() ? "HTTP " + status : String.join("; ", messages);
        }

        JsonNode data(boolean mutation, boolean callers) {
            if (json == null) {
                throw new UpstreamException("Prismatic returned a response that is not JSON (HTTP " + status + ")");
            }
            List<String> messages = messages();
            if (!messages.isEmpty()) {
                String text = String.join("; ", messages);
                if (callers && messages.stream().anyMatch(m -> DOCUMENT_ERROR.matcher(m).find())) {
                    throw new ValidationException("Prismatic could not run the query: " + text,
                            messages.stream().map(m -> new FieldError("query", m)).toList());
                }
                if (messages.stream().anyMatch(m -> NOT_FOUND.matcher(m).find())) {
                    throw new NotFoundException("Prismatic: " + text);
                }
                throw new UpstreamException("Prismatic: " + text);
            }
            if (status < 200 || status >= 300) {
                throw new UpstreamException("Prismatic answered HTTP " + status);
            }
            JsonNode data = json.get("data");
            if (data == null || !data.isObject()) {
                throw new UpstreamException("Prismatic answered without data (HTTP " + status + ")");
            }
            if (mutation) {
                checkPayloadErrors(data);
            }
            return data;
        }

        private static void checkPayloadErrors(JsonNode data) {
            List<FieldError> fields = new ArrayList<>();
            for (JsonNode payload : data.values()) {
                JsonNode errors = payload == null || !payload.isObject() ? null : payload.get("errors");
                if (errors == null || !errors.isArray()) {
                    continue;
                }
                for (JsonNode error : errors.values()) {
                    JsonNode field = error.get("field");
                    String name = field != null && field.isString() ? field.getStringValue() : FieldError.ALL;
                    JsonNode list = error.get("messages");
                    if (list != null && list.isArray()) {
                        for (JsonNode message : list.values()) {
                            fields.add(new FieldError(name, message.coerceStringValue()));
                        }
                    }
                }
            }
            if (fields.isEmpty()) {
                return;
            }
            String text = fields.stream()
                    .map(f -> FieldError.ALL.equals(f.field()) ? f.message() : f.field() + ": " + f.message())
                    .collect(Collectors.joining("; "));
            if (fields.stream().allMatch(f -> FieldError.ALL.equals(f.field()))) {
                // Not about any input: the platform refuses the operation in the state it is in.
                throw new ConflictException("Prismatic refused the change: " + text, fields);
            }
            throw new ValidationException("Prismatic rejected the change: " + text, fields);
        }
    }
}
