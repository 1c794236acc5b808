package io.ipaasops.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * GitHub's REST API at the wire, as far as the contents API goes: {@code GET /repos/{owner}/{repo}/contents/{path}}
 * answering a file's raw bytes, and GitHub's error bodies.
 */
public final class GitHubStub implements AutoCloseable {

    /** The token tests configure; it must never appear in output. */
    public static final String TOKEN = "github_pat_11ABCDEFG0123456789_abcdefTESTTOKENxyz";
    /** The repository the cases read. */
    public static final String REPOSITORY = "octo-org/integrations";
    /** A commit of it. */
    public static final String SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
    /** The media type GitHub answers raw file contents with. */
    public static final String RAW = "application/vnd.github.raw; charset=utf-8";

    private final WireMockServer server = new WireMockServer(options().port(FreePort.find()));

    /** Starts the stub. */
    public GitHubStub() {
        server.start();
    }

    /** The base URL to configure as {@code github.api-url}. */
    public String url() {
        return server.baseUrl();
    }

    /** The underlying server. */
    public WireMockServer server() {
        return server;
    }

    /** Removes every stub and the request log. */
    public void reset() {
        server.resetAll();
    }

    /** The contents API's URL path of {@code path} (already percent-encoded) in {@code repository}. */
    public static String contentsPath(String repository, String path) {
        return "/repos/" + repository + "/contents/" + path;
    }

    /** A GET of {@code path} in {@code repository} at {@code ref}. */
    public static MappingBuilder contents(String repository, String path, String ref) {
        return WireMock.get(urlPathEqualTo(contentsPath(repository, path))).withQueryParam("ref", equalTo(ref));
    }

    /** The file {@code path} of {@code repository} at {@code ref} holds {@code content}. */
    public void stubFile(String repository, String path, String ref, String content) {
        server.stubFor(contents(repository, path, ref).willReturn(raw(content)));
    }

    /** A raw file answer. */
    public static ResponseDefinitionBuilder raw(String content) {
        return aResponse().withStatus(200).withHeader("Content-Type", RAW).withBody(content);
    }

    /** GitHub's error answer: {@code {"message","documentation_url","status"}}. */
    public static ResponseDefinitionBuilder error(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"message\":\"" + message + "\",\"documentation_url\":"
                        + "\"https://docs.github.com/rest/repos/contents#get-repository-content\",\"status\":\""
                        + status + "\"}");
    }

    /** Every request to the contents API of {@code repository}. */
    public List<LoggedRequest> requests(String repository) {
        return server.findAll(WireMock.getRequestedFor(WireMock.urlPathMatching("/repos/" + repository
                + "/contents/.*")));
    }

    @Override
    public void close() {
        server.stop();
    }
}
