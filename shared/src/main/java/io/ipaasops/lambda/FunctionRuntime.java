package io.ipaasops.lambda;

import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;

/** Starts an application context the way every entry point wants it: no cloud or environment probing at start-up. */
public final class FunctionRuntime {

    /**
     * The JVM options the CDK stack deploys in {@code JAVA_TOOL_OPTIONS}: C1 only, so that the few calls of a
     * short-lived container are fast; the benchmarks measure the deployed shape with the same.
     */
    public static final String JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private FunctionRuntime() {
    }

    /** Starts a context in the given {@code environments}. */
    public static ApplicationContext start(String... environments) {
        return start(Map.of(), environments);
    }

    /** Starts a context with extra {@code properties} (they win over the environment's). */
    public static ApplicationContext start(Map<String, Object> properties, String... environments) {
        Map<String, Object> all = new HashMap<>(properties);
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

    /** Whether Lambda is initialising this container to snapshot it (SnapStart). */
    static boolean snapStart() {
        return "snap-start".equals(System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));
    }
}
