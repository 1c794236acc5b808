package io.ipaasops.core;

import com.amazonaws.services.lambda.runtime.Context;
import io.ipaasops.triggers.EventAdapter;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;

/**
 * The per-container state behind every Lambda handler: one application context, started on first use.
 *
 * <p>Each Lambda function hosts one handler class, but the context is shared by class so that a container that
 * serves several handlers (the local host, tests) starts it once.</p>
 */
public final class FunctionRuntime {

    /** Left unspent of the Lambda's remaining time so that a failure can still be reported. */
    static final Duration SAFETY_MARGIN = Duration.ofMillis(500);

    private static volatile ApplicationContext context;

    private FunctionRuntime() {
    }

    /** The container's application context, started on first call. */
    public static ApplicationContext context() {
        ApplicationContext current = context;
        if (current == null) {
            synchronized (FunctionRuntime.class) {
                current = context;
                if (current == null) {
                    current = start();
                    context = current;
                }
            }
        }
        return current;
    }

    /** Starts a context the way every entry point wants it: no cloud or environment probing at start-up. */
    public static ApplicationContext start(String... environments) {
        return start(Map.of(), environments);
    }

    /** Whether Lambda is initialising this container to snapshot it (SnapStart). */
    static boolean snapStart() {
        return "snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));
    }

    /** Starts a context with extra {@code properties} (they win over the environment's). */
    public static ApplicationContext start(Map<String, Object> properties, String... environments) {
        Map<String, Object> all = new java.util.HashMap<>(properties);
        // CRaC hooks cost start-up time; they only help where a snapshot is taken.
        all.putIfAbsent("crac.enabled", snapStart());
        return ApplicationContext.builder()
                .deduceEnvironment(false)
                .deduceCloudEnvironment(false)
                .banner(false)
                .bootstrapEnvironment(false)
                .properties(all)
                .environments(environments)
                .start();
    }

    static void handle(ActionFunction<?, ?> action, InputStream input, OutputStream output, Context lambda)
            throws IOException {
        EventAdapter adapter = context().getBean(EventAdapter.class);
        byte[] event = input.readAllBytes();
        Duration remaining = lambda == null ? Duration.ofMinutes(15)
                : Duration.ofMillis(lambda.getRemainingTimeInMillis()).minus(SAFETY_MARGIN);
        output.write(adapter.handle(action, event, Deadline.in(remaining)));
    }
}
