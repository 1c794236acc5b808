package io.ipaasops.bench;

import io.ipaasops.local.host.HostLimits;
import io.ipaasops.local.host.HostOptions;
import io.ipaasops.local.host.Launcher;
import io.ipaasops.local.host.LocalHost;
import io.ipaasops.local.workflows.LocalEngine;
import io.ipaasops.sandbox.Sandbox;
import io.ipaasops.sandbox.SandboxExamples;
import io.ipaasops.workflows.Workflow;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The release workflow on the local engine against the sandbox with a platform's latency
 * ({@code ./mvnw -B -Pbench -DskipTests verify -pl local -am}): a fleet rolled out with bounded concurrency, its wall
 * time against the ideal, and the Prismatic calls per instance. Writes its section of {@code docs/performance.md}.
 */
public final class ReleaseBench {

    static final String BEGIN = "<!-- release-bench: written by local/src/test/java/io/ipaasops/bench/ReleaseBench -->";
    static final String END = "<!-- /release-bench -->";
    private static final String SYNC = Base64.getEncoder()
            .encodeToString("Integration:salesforce-sync".getBytes(StandardCharsets.UTF_8));
    /** The calls a rollout makes per instance: a move and a deploy. */
    private static final List<String> PER_INSTANCE = List.of("moveInstance", "deployInstance");

    private ReleaseBench() {
    }

    /** Runs the release; {@code args}: instances, latency in ms, concurrency, runs (defaults 1000, 50, 10, 2). */
    public static void main(String[] args) throws Exception {
        int instances = arg(args, 0, 1000);
        Duration latency = Duration.ofMillis(arg(args, 1, 50));
        int concurrency = arg(args, 2, 10);
        int runs = arg(args, 3, 2);
        Optional<String> missing = LocalEngine.unavailable();
        if (missing.isPresent()) {
            System.err.println("WARNING: the release benchmark needs Node.js, and did not run: " + missing.get());
            return;
        }
        Path engineHome = Path.of("target", "engine").toAbsolutePath();
        System.setProperty("ipaas.engine.dir", engineHome.toString());
        List<String> rows = new ArrayList<>();
        Map<String, Long> lastCalls = Map.of();
        int fleet = 0;
        try (Launcher launcher = Launcher.start(true, new Sandbox.Faults(latency, 0, 0, 1), instances, "bench");
             LocalHost host = LocalHost.bind(HostOptions.parse(List.of("--port", "0"), Map.of()).address(),
                     HostLimits.DEFAULT).start(launcher.context(), SandboxExamples.all())) {
            Sandbox sandbox = launcher.sandbox().orElseThrow();
            String url = "http://127.0.0.1:" + host.port();
            LocalEngine engine = new LocalEngine(engineHome, JsonMapper.createDefault(), launcher.s3().url());
            // Installs the interpreter and warms the host, outside the measured runs.
            engine.run(Workflow.NIGHTLY_TESTS, Map.of("testFlows", List.of()), "bench-warm-up", url);
            for (int run = 1; run <= runs; run++) {
                Map<String, Long> before = sandbox.prismaticCalls();
                long started = System.nanoTime();
                LocalEngine.Outcome outcome = engine.run(Workflow.RELEASE, Map.of("integrationId", SYNC,
                        "definition", "name: Salesforce Sync\ndescription: Benchmark release " + run
                                + "\nflows:\n  - name: Sync Accounts\n",
                        "comments", "Benchmark release " + run,
                        "rollout", Map.of("maxConcurrency", concurrency)), "bench-release-" + run, url);
                long wall = (System.nanoTime() - started) / 1_000_000;
                if (!outcome.succeeded()) {
                    throw new IllegalStateException("the release failed: " + outcome.error() + ": " + outcome.cause());
                }
                Map<String, Long> calls = difference(sandbox.prismaticCalls(), before);
                Map<String, Integer> statuses = statuses(outcome.output());
                fleet = statuses.values().stream().mapToInt(Integer::intValue).sum();
                long perInstance = PER_INSTANCE.stream().mapToLong(op -> calls.getOrDefault(op, 0L)).sum();
                long other = calls.values().stream().mapToLong(Long::longValue).sum() - perInstance;
                long ideal = fleet * (long) PER_INSTANCE.size() * latency.toMillis() / concurrency;
                rows.add(String.format("| %d | %d | %s | %,d ms | %,d ms | %.2fx | %.2f | %d | %,d ms |", run, fleet,
                        statuses, wall, ideal, (double) wall / ideal, (double) perInstance / fleet, other,
                        other * latency.toMillis()));
                lastCalls = calls;
                System.out.println(rows.get(rows.size() - 1));
            }
        }
        List<String> section = new ArrayList<>();
        section.add(BEGIN);
        section.add("## 6. A release to a fleet on the local engine");
        section.add("");
        section.add("The `release` workflow's own definition on aws-local-stepfunctions (`LocalEngine`), every Task "
                + "answered by the local host, against the sandbox with " + latency.toMillis() + " ms added to every "
                + "platform call (`SANDBOX_LATENCY_MS`), " + instances + " more instances seeded "
                + "(`SANDBOX_INSTANCES`), `rollout.maxConcurrency` " + concurrency + ", no canary and no test flows. "
                + "Measured by `ReleaseBench` in `./mvnw -B -Pbench -DskipTests verify` (the local module). "
                + "Ideal = instances x " + PER_INSTANCE.size() + " calls x " + latency.toMillis() + " ms / "
                + concurrency + ": the rollout alone, with nothing but the platform's latency. The wall time is the "
                + "whole execution: plan, import, publish, plan-rollout (listing every instance), the rollout and "
                + "the report; the serial steps' share is the last column (their calls x the latency).");
        section.add("");
        section.add("| run | instances | report | wall time | ideal | wall / ideal | Prismatic calls per instance "
                + "(move + deploy) | other Prismatic calls | their latency |");
        section.add("|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        section.addAll(rows);
        section.add("");
        section.add("Prismatic operations in the last run: " + lastCalls + ". Against the target (wall time at most "
                + "1.3x the ideal): " + verdict(rows) + ".");
        section.add(END);
        write(Path.of(System.getProperty("ipaasops.performance", "../docs/performance.md")), String.join("\n", section));
        System.out.println(String.join("\n", section));
        System.out.println("fleet " + fleet + "; written to docs/performance.md");
    }

    private static String verdict(List<String> rows) {
        return rows.stream().allMatch(row -> ratio(row) <= 1.3) ? "met in every run" : "NOT met in every run";
    }

    private static double ratio(String row) {
        String cell = row.split("\\|")[6].strip();
        return Double.parseDouble(cell.substring(0, cell.length() - 1));
    }

    /** Replaces this benchmark's section of the file, or appends it. */
    static void write(Path file, String section) throws java.io.IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin >= 0 && end > begin) {
            text = text.substring(0, begin) + section + text.substring(end + END.length());
        } else {
            text = text.stripTrailing() + "\n\n" + section + "\n";
        }
        Files.writeString(file, text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer> statuses(Object report) {
        // The report counts the instances per status; it lists them only for a small fleet (decision 0028).
        Map<String, Integer> counts = new TreeMap<>();
        ((Map<String, Object>) ((Map<String, Object>) report).get("counts")).forEach((status, n) -> {
            if (((Number) n).intValue() > 0) {
                counts.put(status, ((Number) n).intValue());
            }
        });
        return counts;
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> calls = new LinkedHashMap<>();
        after.forEach((op, n) -> {
            long d = n - before.getOrDefault(op, 0L);
            if (d > 0) {
                calls.put(op, d);
            }
        });
        return calls;
    }

    private static int arg(String[] args, int index, int otherwise) {
        return args.length > index && !args[index].isBlank() ? Integer.parseInt(args[index]) : otherwise;
    }
}
