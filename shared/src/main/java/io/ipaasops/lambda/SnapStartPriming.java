package io.ipaasops.lambda;

import io.micronaut.context.BeanLocator;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.crac.OrderedResource;
import io.micronaut.json.JsonMapper;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.ipaasops.core.ErrorResponse;
import io.ipaasops.core.FieldError;
import io.ipaasops.core.InputBinder;
import io.ipaasops.core.ValidationException;
import io.ipaasops.github.GitHubClient;
import io.ipaasops.prismatic.PrismaticClient;
import io.ipaasops.credentials.SecretsManager;
import io.ipaasops.telemetry.Telemetry;
import io.ipaasops.triggers.EventAdapter;
import io.ipaasops.triggers.IdempotencyStore;
import io.ipaasops.versori.VersoriClient;
import io.ipaasops.triggers.ExampleEvents;
import io.micronaut.json.tree.JsonNode;
import java.util.Map;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Primes a function before Lambda SnapStart takes its snapshot, so that restored containers start warm.
 *
 * <p>Builds the platform clients' object graphs (HTTP client, serde), loads the signing and JSON paths of the AWS
 * calls (Secrets Manager, DynamoDB), runs the JSON and trigger-detection paths over sample events, and loads the
 * classes of {@value #CLASS_LIST} (what a first call would still load), without sending anything and without
 * reading a secret or a token: those are fetched on the first call after restore, so no credential is ever in a
 * snapshot. Active only with {@code crac.enabled=true}, which {@link FunctionRuntime} sets when Lambda initialises
 * for SnapStart. The events are the trigger fixtures of {@link ExampleEvents}.</p>
 */
@Singleton
@Requires(property = "crac.enabled", value = "true")
public final class SnapStartPriming implements OrderedResource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    private static final Map<ExampleEvents, Class<?>> EVENT_TYPES = Map.of(
            ExampleEvents.API_GATEWAY_V2, APIGatewayV2HTTPEvent.class,
            ExampleEvents.API_GATEWAY_V1, APIGatewayProxyRequestEvent.class,
            ExampleEvents.SQS, SQSEvent.class,
            ExampleEvents.EVENTBRIDGE_SCHEDULE, Object.class);

    /** The classes a first call loads after the rest of the priming (HTTP exchange, credentials); see the file. */
    static final String CLASS_LIST = "first-call-classes.txt";

    private final BeanLocator beans;
    private final InputBinder binder;
    private final JsonMapper mapper;
    private final EventAdapter adapter;
    private final boolean classList;

    /** Creates the priming resource; {@code classList} false skips the class list (to regenerate it). */
    public SnapStartPriming(BeanLocator beans, InputBinder binder, JsonMapper mapper, EventAdapter adapter,
                            @Property(name = "ipaas.snap-start.class-list", defaultValue = "true") boolean classList) {
        this.beans = beans;
        this.binder = binder;
        this.mapper = mapper;
        this.adapter = adapter;
        this.classList = classList;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        beans.findBean(PrismaticClient.class);
        beans.findBean(VersoriClient.class);
        beans.findBean(GitHubClient.class);
        // The AWS calls' signing and JSON paths, with throwaway credentials: nothing is sent or resolved.
        beans.findBean(SecretsManager.class).ifPresent(SecretsManager::prime);
        beans.findBean(IdempotencyStore.class).ifPresent(IdempotencyStore::prime);
        // The summary line and metrics record, built and not written.
        beans.findBean(Telemetry.class).ifPresent(Telemetry::prime);
        try {
            for (Map.Entry<ExampleEvents, Class<?>> example : EVENT_TYPES.entrySet()) {
                JsonNode event = binder.parse(example.getKey().json().getBytes(StandardCharsets.UTF_8));
                adapter.triggerFor(event);
                mapper.readValueFromTree(event, example.getValue());
            }
            mapper.writeValueAsBytes(ErrorResponse.of(new ValidationException("primer", List.of(
                    new FieldError("primer", "primer")))));
        } catch (IOException e) {
            LOG.debug("priming serialization failed", e);
        }
        int loaded = classList ? loadClassList() : 0;
        LOG.info("primed for the snapshot in {} ms ({} classes from the list)", (System.nanoTime() - started)
                / 1_000_000, loaded);
    }

    /**
     * Loads and initialises the classes of the list: what the first call would otherwise load after a restore,
     * mostly the JDK HTTP client's exchange and the container credentials, which cannot be run without a network
     * call. A class absent from this JVM or failing to initialise is skipped: its call pays for it after restore.
     */
    static int loadClassList() {
        int loaded = 0;
        ClassLoader loader = SnapStartPriming.class.getClassLoader();
        try (InputStream list = SnapStartPriming.class.getResourceAsStream(CLASS_LIST)) {
            if (list == null) {
                return 0;
            }
            for (String line : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.trim();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                try {
                    Class.forName(name, true, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    LOG.debug("class {} not primed: {}", name, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.debug("class list unreadable", e);
        }
        return loaded;
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing cached during priming depends on time or identity: tokens and secrets are fetched after restore.
        // A restored container's first invocation is its cold start, whatever ran before the snapshot.
        ColdStart.restored();
    }
}
