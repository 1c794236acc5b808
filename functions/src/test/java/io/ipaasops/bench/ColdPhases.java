package io.ipaasops.bench;

import io.ipaasops.core.Deadline;
import io.ipaasops.core.Tally;
import io.ipaasops.functions.prismatic.DeployInstanceFunction;
import io.ipaasops.triggers.EventAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Run in a fresh JVM by the benchmarks: times the phases of a first invocation (context start, first call, its
 * upstream share, second call) and prints them as one {@code key=value} line.
 */
public final class ColdPhases {

    private ColdPhases() {
    }

    /** Prints {@code context=..;first=..;upstream=..;second=..} in milliseconds. */
    public static void main(String[] args) throws Exception {
        try (CannedPlatform platform = new CannedPlatform()) {
            System.setProperty("prismatic.url", platform.url());
            System.setProperty("prism.refresh-token", CannedPlatform.REFRESH_TOKEN);
            long t0 = System.nanoTime();
            DeployInstanceFunction function = new DeployInstanceFunction();
            EventAdapter adapter = function.context().getBean(EventAdapter.class);
            long t1 = System.nanoTime();
            byte[] event = "{\"instanceId\":\"SW5zdGFuY2U6MQ==\"}".getBytes(StandardCharsets.UTF_8);
            adapter.handle(function, event, Deadline.in(Duration.ofSeconds(30)));
            long t2 = System.nanoTime();
            long upstream = Tally.upstreamNanos();
            adapter.handle(function, event, Deadline.in(Duration.ofSeconds(30)));
            long t3 = System.nanoTime();
            System.out.printf("context=%d;first=%d;upstream=%d;second=%d%n", (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, upstream / 1_000_000, (t3 - t2) / 1_000_000);
            System.out.flush();
        }
    }
}
