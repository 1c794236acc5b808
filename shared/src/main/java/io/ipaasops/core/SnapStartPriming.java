package io.ipaasops.core;

import io.micronaut.context.BeanLocator;
import io.micronaut.context.annotation.Requires;
import io.micronaut.crac.OrderedResource;
import io.micronaut.json.JsonMapper;
import io.ipaasops.triggers.EventAdapter;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Primes a function before Lambda SnapStart takes its snapshot, so that restored containers start warm.
 *
 * <p>Builds the platform clients' object graphs (HTTP client, serde) and runs the JSON and trigger-detection paths
 * over sample events, without sending anything and without reading a secret or a token: those are fetched on the
 * first call after restore, so no credential is ever in a snapshot. Active only with {@code crac.enabled=true},
 * which {@link FunctionRuntime} sets when Lambda initialises for SnapStart.</p>
 */
@Singleton
@Requires(property = "crac.enabled", value = "true")
public final class SnapStartPriming implements OrderedResource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    private static final List<String> SAMPLE_EVENTS = List.of(
            "{\"instanceId\":\"primer\"}",
            "{\"version\":\"0\",\"id\":\"primer\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                    + "\"detail\":{}}",
            "{\"version\":\"2.0\",\"routeKey\":\"POST /primer\",\"headers\":{},\"requestContext\":{\"http\":"
                    + "{\"method\":\"POST\"}},\"body\":\"{}\",\"isBase64Encoded\":false}",
            "{\"Records\":[{\"messageId\":\"primer\",\"eventSource\":\"aws:sqs\",\"body\":\"{}\"}]}");
    private static final List<String> CLIENTS = List.of(
            "io.ipaasops.prismatic.PrismaticClient", "io.ipaasops.versori.VersoriClient");

    private final BeanLocator beans;
    private final InputBinder binder;
    private final JsonMapper mapper;

    /** Creates the priming resource. */
    public SnapStartPriming(BeanLocator beans, InputBinder binder, JsonMapper mapper) {
        this.beans = beans;
        this.binder = binder;
        this.mapper = mapper;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        for (String name : CLIENTS) {
            try {
                beans.findBean(Class.forName(name));
            } catch (ClassNotFoundException e) {
                // That platform's client is not on this class path.
            }
        }
        for (String event : SAMPLE_EVENTS) {
            EventAdapter.detect(binder.parse(event.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            mapper.writeValueAsBytes(ErrorResponse.of(new ValidationException("primer", List.of(
                    new FieldError("primer", "primer")))));
        } catch (IOException e) {
            LOG.debug("priming serialization failed", e);
        }
        LOG.info("primed for the snapshot in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing cached during priming depends on time or identity: tokens and secrets are fetched after restore.
    }
}
