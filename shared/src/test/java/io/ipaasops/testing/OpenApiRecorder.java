package io.ipaasops.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.wiremock.WireMockRequest;
import com.atlassian.oai.validator.wiremock.WireMockResponse;
import com.github.tomakehurst.wiremock.http.ContentTypeHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestListener;
import com.github.tomakehurst.wiremock.http.Response;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Checks every request WireMock serves, and the response it sends back, against an OpenAPI document.
 *
 * <p>Thread-safe, unlike the library's own listener, and it also reports a body without a Content-Type header
 * (the validator silently skips such bodies). WireMock calls it before writing the response, so by the time the
 * client has its answer the verdict is recorded.</p>
 */
public final class OpenApiRecorder implements RequestListener {

    private final OpenApiInteractionValidator validator;
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();

    /** Records violations of {@code validator}'s document. */
    public OpenApiRecorder(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    @Override
    public void requestReceived(Request request, Response response) {
        ValidationReport report = validator.validate(WireMockRequest.of(request), WireMockResponse.of(response))
                .merge(untyped("request", request.getBody(), request.contentTypeHeader()))
                .merge(untyped("response", response.getBody(), response.getHeaders().getContentTypeHeader()));
        if (report.hasErrors()) {
            violations.add(request.getMethod() + " " + request.getUrl() + " (HTTP " + response.getStatus() + ")\n"
                    + SimpleValidationReportFormat.getInstance().apply(report));
        }
    }

    /** Every violation so far, one text per exchange. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Forgets recorded violations. */
    public void reset() {
        violations.clear();
    }

    private static ValidationReport untyped(String side, byte[] body, ContentTypeHeader contentType) {
        if (body == null || body.length == 0 || contentType.isPresent()) {
            return ValidationReport.empty();
        }
        return ValidationReport.singleton(ValidationReport.Message.create("validation." + side
                + ".contentType.missing", "the " + side + " has a body but no Content-Type, so it was not validated")
                .build());
    }
}
