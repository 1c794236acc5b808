package io.ipaasops.bench;

import io.ipaasops.core.Deadline;
import io.ipaasops.lambda.FunctionRuntime;
import io.ipaasops.core.Tally;
import io.ipaasops.functions.Actions;
import io.ipaasops.testing.AwsTestEnvironment;
import io.ipaasops.triggers.EventAdapter;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The benchmark suite ({@code ./mvnw -B -Pbench -DskipTests verify}): cold start through the real Lambda runtime
 * client against a no-framework baseline, warm overhead, scale of {@code all: true}, deployable size, and upstream
 * calls per container. Prints a table and writes {@code docs/performance.md}. Every comparison is measured in one run.
 */
public final class Benchmarks {

    static final String DEPLOY = "{\"instanceId\":\"SW5zdGFuY2U6MQ==\"}";
    private static final StringBuilder REPORT = new StringBuilder();
    static final Map<String, String> VERDICTS = new LinkedHashMap<>();

    private Benchmarks() {
    }

    /** Runs every benchmark; {@code args[0]} may name the number of cold starts per variant (default 7). */
    public static void main(String[] args) throws Exception {
        int coldRuns = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        AwsTestEnvironment.configure();
        line("# Performance");
        line("");
        line("Measured by `./mvnw -B -Pbench -DskipTests verify` (`functions/src/test/java/io/ipaasops/bench`) on "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + ". The machine is shared and noisy: compare the ratios and"
                + " medians of one run, not absolute times across runs.");
        String only = System.getProperty("ipaasops.bench.only", "");
        if (!only.isBlank()) {
            // -Dipaasops.bench.only=metrics,snapstart: those sections alone, printed; performance.md is left as is.
            try (CannedPlatform platform = new CannedPlatform()) {
                if (only.contains("metrics")) {
                    MetricsCost.measure(platform, coldRuns);
                }
                if (only.contains("snapstart")) {
                    SnapStartRestore.restore(platform, 5);
                }
            }
            verdicts();
            return;
        }
        try (CannedPlatform platform = new CannedPlatform()) {
            ColdStarts.coldStart(platform, coldRuns);
            DeployedColdStarts.deployed(platform, coldRuns);
            MetricsCost.measure(platform, coldRuns);
            SnapStartRestore.restore(platform, 5);
            ColdStarts.phases();
            ColdStarts.aotCache(platform, coldRuns);
            warm(platform);
            scale(platform);
            size();
            callsPerContainer(platform);
        }
        verdicts();
        Path out = Path.of(System.getProperty("ipaasops.performance", "../docs/performance.md"));
        Files.writeString(out, REPORT.toString() + keptSections(out));
        System.out.println("\nwritten to " + out.toAbsolutePath().normalize());
    }

    /** The sections other benchmarks write into the same file (the local module's release), kept as they are. */
    private static String keptSections(Path file) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        int begin = text.indexOf("<!-- release-bench");
        int end = text.indexOf("<!-- /release-bench -->");
        return begin >= 0 && end > begin ? "\n" + text.substring(begin, end + "<!-- /release-bench -->".length()) + "\n"
                : "";
    }

    static void line(String text) {
        System.out.println(text);
        REPORT.append(text).append('\n');
    }

    // 2. Warm overhead: in one process, handler time minus the time spent waiting on the platform.
    private static void warm(CannedPlatform platform) {
        try (ApplicationContext context = FunctionRuntime.start(Map.of("prismatic.url", platform.url(),
                "prism.refresh-token", CannedPlatform.REFRESH_TOKEN), "bench")) {
            EventAdapter adapter = context.getBean(EventAdapter.class);
            var action = Actions.named("deploy-instance").orElseThrow();
            byte[] event = DEPLOY.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 300; i++) {
                adapter.handle(action, event, Deadline.in(Duration.ofSeconds(30)));
            }
            int n = 1000;
            double[] overhead = new double[n];
            double[] total = new double[n];
            for (int i = 0; i < n; i++) {
                long started = System.nanoTime();
                adapter.handle(action, event, Deadline.in(Duration.ofSeconds(30)));
                long elapsed = System.nanoTime() - started;
                total[i] = elapsed / 1e6;
                overhead[i] = (elapsed - Tally.upstreamNanos()) / 1e6;
            }
            Arrays.sort(overhead);
            Arrays.sort(total);
            line("");
            line("## 2. Warm overhead");
            line("");
            line(n + " deploy-instance invocations in one process (after 300 warm-up), zero-latency stub; overhead"
                    + " is handler time minus the upstream round trip measured inside the transport.");
            line("");
            line("| | p50 ms | p99 ms | max ms |");
            line("|---|---:|---:|---:|");
            line("| overhead | " + fmt3(overhead[n / 2]) + " | " + fmt3(overhead[n * 99 / 100]) + " | "
                    + fmt3(overhead[n - 1]) + " |");
            line("| whole invocation | " + fmt3(total[n / 2]) + " | " + fmt3(total[n * 99 / 100]) + " | "
                    + fmt3(total[n - 1]) + " |");
            line("");
            line("Target: overhead p50 at most 1 ms, p99 at most 5 ms.");
            VERDICTS.put("Warm overhead p50 at most 1 ms, p99 at most 5 ms", verdict(overhead[n / 2] <= 1
                    && overhead[n * 99 / 100] <= 5, "p50 " + fmt3(overhead[n / 2]) + " ms, p99 "
                    + fmt3(overhead[n * 99 / 100]) + " ms"));
        }
    }

    // 3. Scale: list-instances with all: true.
    private static void scale(CannedPlatform platform) {
        try (ApplicationContext context = FunctionRuntime.start(Map.of("prismatic.url", platform.url(),
                "prism.refresh-token", CannedPlatform.REFRESH_TOKEN), "bench")) {
            EventAdapter adapter = context.getBean(EventAdapter.class);
            var action = Actions.named("list-instances").orElseThrow();
            byte[] event = "{\"all\":true}".getBytes(StandardCharsets.UTF_8);
            platform.instances(1000);
            adapter.handle(action, event, Deadline.in(Duration.ofSeconds(60)));
            line("");
            line("## 3. Scale: list-instances with `all: true`");
            line("");
            line("| instances | pages | median ms (of 5) | ms per 1,000 | peak heap during the call, MB |");
            line("|---:|---:|---:|---:|---:|");
            Map<Integer, Double> perThousand = new LinkedHashMap<>();
            Map<Integer, Double> peaks = new LinkedHashMap<>();
            for (int count : new int[] {1000, 5000, 10000}) {
                platform.instances(count);
                List<Double> times = new ArrayList<>();
                double peak = 0;
                for (int i = 0; i < 5; i++) {
                    System.gc();
                    resetPeaks();
                    long started = System.nanoTime();
                    byte[] out = adapter.handle(action, event, Deadline.in(Duration.ofSeconds(60)));
                    times.add((System.nanoTime() - started) / 1e6);
                    peak = Math.max(peak, peakHeapMb());
                    if (out.length < count * 100) {
                        throw new IllegalStateException("list-instances returned too little for " + count);
                    }
                }
                double median = median(times);
                perThousand.put(count, median * 1000 / count);
                peaks.put(count, peak);
                line("| " + count + " | " + (count / 100) + " | " + fmt(median) + " | " + fmt(median * 1000 / count)
                        + " | " + fmt(peak) + " |");
            }
            // Linear (or better): the cost per item does not grow from 1,000 to 10,000, nor memory faster than items.
            boolean linear = perThousand.get(10000) <= perThousand.get(1000) * 1.25
                    && peaks.get(10000) <= peaks.get(1000) * 10 * 1.25;
            VERDICTS.put("Scale: time and memory grow linearly", verdict(linear, fmt(perThousand.get(1000))
                    + " then " + fmt(perThousand.get(10000)) + " ms per 1,000 items; peak heap " + fmt(peaks.get(1000))
                    + " then " + fmt(peaks.get(10000)) + " MB"));
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }

    // 5. Calls to upstream per container, with credentials from Secrets Manager.
    private static void callsPerContainer(CannedPlatform platform) {
        platform.resetCounts();
        try (ApplicationContext context = FunctionRuntime.start(Map.of("prismatic.url", platform.url(),
                "prismatic.secret-id", "bench/prismatic", "ipaas.secrets-manager.endpoint", platform.url()), "bench")) {
            EventAdapter adapter = context.getBean(EventAdapter.class);
            var action = Actions.named("deploy-instance").orElseThrow();
            for (int i = 0; i < 1000; i++) {
                adapter.handle(action, DEPLOY.getBytes(StandardCharsets.UTF_8), Deadline.in(Duration.ofSeconds(30)));
            }
            line("");
            line("## 5. Calls to upstream per container");
            line("");
            line("| over 1,000 invocations | count (target 1) |");
            line("|---|---:|");
            line("| token exchanges (`/auth/refresh`) | " + platform.tokenExchanges() + " |");
            line("| Secrets Manager reads | " + platform.secretReads() + " |");
            line("| GraphQL calls | " + platform.graphQlCalls() + " |");
            VERDICTS.put("One token exchange and one secret read per container", verdict(
                    platform.tokenExchanges() == 1 && platform.secretReads() == 1,
                    platform.tokenExchanges() + " and " + platform.secretReads()));
        }
    }

    // 4. Deployable size: the Lambda jar is what CDK uploads.
    private static void size() throws IOException {
        Path jar = ColdStarts.lambdaJar();
        Map<String, Long> groups = new LinkedHashMap<>();
        int classes = 0;
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry e : Collections.list(file.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                classes += e.getName().endsWith(".class") ? 1 : 0;
                String[] parts = e.getName().split("/");
                String group = parts.length > 4 ? String.join("/", Arrays.copyOf(parts, 4))
                        : String.join("/", Arrays.copyOf(parts, Math.max(1, parts.length - 1)));
                groups.merge(group, e.getCompressedSize(), Long::sum);
            }
        }
        line("");
        line("## 4. Deployable size");
        line("");
        VERDICTS.put("Jar at most 15 MB", verdict(Files.size(jar) <= 15_000_000L,
                String.format("%.2f MB", Files.size(jar) / 1e6)));
        line("The Lambda deployable `" + jar.getFileName() + "`: **" + String.format("%.2f", Files.size(jar) / 1e6)
                + " MB**, " + classes + " classes (target: at most 15 MB). The command-line jar (local module) is not"
                + " deployed. Largest parts of the deployable, compressed:");
        line("");
        line("| package | MB |");
        line("|---|---:|");
        groups.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(12)
                .forEach(g -> line("| `" + g.getKey() + "` | " + fmt2(g.getValue() / 1e6) + " |"));
    }

    static String verdict(boolean met, String figure) {
        return (met ? "met" : "**not met**") + " (" + figure + ")";
    }

    private static void verdicts() {
        line("");
        line("## Against the targets");
        line("");
        line("| target | this run |");
        line("|---|---|");
        VERDICTS.forEach((target, verdict) -> line("| " + target + " | " + verdict + " |"));
        line("");
        line("### What changed in issue 14, before and after");
        line("");
        line("From one interleaved run per step on 2026-12-01 (`docs/decisions/0025-aws-calls-on-the-sdk-signer.md`;"
                + " the machine was loaded, so class counts are the steady figure): deploy-instance from a schedule as"
                + " deployed, against the plain handler.");
        line("");
        line("| step | jar | classes | AWS SDK classes | service metadata | cold start / plain (median, min) |"
                + " first call after priming / warm |");
        line("|---|---:|---:|---:|---:|---:|---:|");
        line("| before | 15.66 MB | 6,861 | 1,901 | 324 | 1.76x, 1.83x | 6.4x (338 / 53 ms) |");
        line("| SDK BOM 2.57.8 ahead of Micronaut's | 15.90 MB | 6,568 | 1,596 | 0 | 1.85x, 1.52x | – |");
        line("| explicit region and credentials provider | 15.90 MB | 6,510 | 1,542 | 0 | 1.69x, 1.77x | – |");
        line("| Secrets Manager and DynamoDB on the SDK's signer | 12.02 MB | 5,240 | 144 | 0 | 1.45x, 1.31x |"
                + " 4.8x (295 / 62 ms) |");
        line("| SnapStart priming loads the first call's classes | 12.25 MB | 5,240 | 144 | 0 | (on demand: same) |"
                + " 1.3x (74 / 57 ms) |");
        line("");
        line("What stands in the way where a target is not met (what was changed, measured and rejected:"
                + " `docs/decisions/0015-cold-start-and-size.md`, `0016-lambda-deployable.md`, `0025` and `0026`):");
        line("");
        line("- **Cold start, on demand.** The AWS SDK is off the path (144 classes, none of a service client)."
                + " What is left is the framework: ours loads about 5,240 classes against the plain handler's 3,350."
                + " The plain handler's include 600 of the runtime client's POJO serialization, which ours, a stream"
                + " handler, does not load. The difference is Reactor (337), `io.micronaut.core` (324),"
                + " `io.micronaut.http` (312), `io.micronaut.serde` (273), `io.micronaut.context` (245), our own code"
                + " (248) and about 300 more Micronaut classes: the context start (about 280 ms of a deployed cold"
                + " start here) and Micronaut's HTTP client, which runs on Reactor even when blocking. An AOT cache"
                + " removes about half of our cold start (the Java 25 table), but the baseline gains from its own. On"
                + " AWS the stack runs SnapStart, where the context start and priming happen before the snapshot, and"
                + " the first call after it is the figure of section 1b.");
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String fmt(double v) {
        return String.format("%.0f", v);
    }

    static String fmt2(double v) {
        return String.format("%.2f", v);
    }

    static String fmt3(double v) {
        return String.format("%.3f", v);
    }
}
