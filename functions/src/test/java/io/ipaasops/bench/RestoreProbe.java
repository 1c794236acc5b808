package io.ipaasops.bench;

import io.ipaasops.credentials.CredentialsProvider;
import io.ipaasops.credentials.PrismaticCredentials;
import io.ipaasops.functions.prismatic.DeployInstanceFunction;
import io.ipaasops.prismatic.PrismaticAuth;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.crac.OrderedResource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Run in a fresh JVM by the benchmarks, under SnapStart's variables: builds the handler as Lambda's INIT does,
 * runs the CRaC before-checkpoint resources as the checkpoint would (as micronaut-crac's CheckpointSimulator
 * does), then times either the first invocation ({@code restore}) or, after warming up, invocations whose secret
 * and token caches were cleared ({@code warm}). Prints one {@code key=value;...} line.
 */
public final class RestoreProbe {

    private static final byte[] DEPLOY = "{\"instanceId\":\"SW5zdGFuY2U6MQ==\"}".getBytes(StandardCharsets.UTF_8);

    private RestoreProbe() {
    }

    /** {@code args[0]}: {@code restore} or {@code warm}. */
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        try (DeployInstanceFunction function = new DeployInstanceFunction()) {
            ApplicationContext context = function.context();
            long t1 = System.nanoTime();
            List<OrderedResource> resources = new ArrayList<>(context.getBeansOfType(OrderedResource.class));
            resources.sort(Comparator.comparingInt(OrderedResource::getOrder));
            for (OrderedResource resource : resources) {
                resource.beforeCheckpoint(null);
            }
            for (OrderedResource resource : resources) {
                resource.afterRestore(null);
            }
            long t2 = System.nanoTime();
            if (args[0].equals("restore")) {
                // Marks in a class-load log where the first invocation starts.
                FirstCall.mark();
                long first = invoke(function);
                // Concatenated, not printf: Formatter would load locale data after the mark, counted as the call's.
                System.out.println("init=" + (t1 - t0) / 1_000_000 + ";prime=" + (t2 - t1) / 1_000_000 + ";first="
                        + first / 1_000);
                return;
            }
            for (int i = 0; i < 300; i++) {
                invoke(function);
            }
            CredentialsProvider<PrismaticCredentials> credentials = context.getBean(
                    Argument.of(CredentialsProvider.class, PrismaticCredentials.class));
            PrismaticAuth auth = context.getBean(PrismaticAuth.class);
            long[] times = new long[11];
            for (int i = 0; i < times.length; i++) {
                auth.invalidate(auth.accessToken());
                long started = System.nanoTime();
                credentials.refresh();
                invoke(function);
                times[i] = System.nanoTime() - started;
            }
            Arrays.sort(times);
            System.out.printf("warm=%d%n", times[times.length / 2] / 1_000);
        }
    }

    /** Loaded just before the first invocation after priming, so that a class-load log shows where it starts. */
    static final class FirstCall {
        static void mark() {
        }
    }

    /** One invocation as the runtime client makes it; nanoseconds. */
    private static long invoke(DeployInstanceFunction function) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long started = System.nanoTime();
        function.handleRequest(new ByteArrayInputStream(DEPLOY), out, null);
        long elapsed = System.nanoTime() - started;
        if (!out.toString(StandardCharsets.UTF_8).contains("SW5z")) {
            throw new IllegalStateException("unexpected output: " + out);
        }
        return elapsed;
    }
}
