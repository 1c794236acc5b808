package io.ipaasops.bench;

import static io.ipaasops.bench.Benchmarks.DEPLOY;
import static io.ipaasops.bench.Benchmarks.VERDICTS;
import static io.ipaasops.bench.Benchmarks.fmt;
import static io.ipaasops.bench.Benchmarks.fmt2;
import static io.ipaasops.bench.Benchmarks.line;
import static io.ipaasops.bench.Benchmarks.median;
import static io.ipaasops.bench.Benchmarks.verdict;

import io.ipaasops.functions.lambda.LambdaProcess;
import io.ipaasops.functions.lambda.RuntimeApiStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Section 1 of the benchmarks: cold starts through the real Lambda runtime client against the no-framework
 * baseline, where a first invocation spends its time, and what an AOT cache on Java 25 is worth.
 */
final class ColdStarts {

    private ColdStarts() {
    }

    // 1. Cold start: process start to the response being posted, through aws-lambda-java-runtime-interface-client.
    static void coldStart(CannedPlatform platform, int runs) throws Exception {
        Path ours = lambdaJar();
        Path baseline = benchJar("baseline.jar", BaselineHandler.class);
        String handler = "io.ipaasops.functions.prismatic.DeployInstanceFunction";
        String base = BaselineHandler.class.getName();
        Path oursTask = Path.of("target", "bench", "task-ours");
        Path baseTask = Path.of("target", "bench", "task-baseline");
        List<Variant> variants = List.of(
                new Variant("ipaas-ops, jar on the class path", handler, ours, null, List.of(), JAVA),
                new Variant("baseline, jar on the class path", base, baseline, null, List.of(), JAVA),
                new Variant("ipaas-ops, unpacked as on Lambda", handler, ours, oursTask, List.of(), JAVA),
                new Variant("baseline, unpacked as on Lambda", base, baseline, baseTask, List.of(), JAVA),
                new Variant("ipaas-ops, unpacked, C1 only", handler, ours, oursTask, List.of(C1), JAVA),
                new Variant("baseline, unpacked, C1 only", base, baseline, baseTask, List.of(C1), JAVA));
        Map<String, List<Double>> samples = measure(platform, variants, runs);
        line("");
        line("## 1. Cold start through the real Lambda runtime client");
        line("");
        line("Process start to the first response posted, deploy-instance from the Lambda deployable `"
                + ours.getFileName() + "` against a zero-latency Prismatic stub (token exchange + one GraphQL"
                + " call), " + runs + " runs per variant, interleaved. \"Jar on the class path\" is"
                + " `java -cp <runtime client>:<jar>` (toolchain item 11); \"unpacked\" is how Lambda runs a jar"
                + " deployment: unpacked into `/var/task`, classes loaded from files. C1 only is"
                + " `-XX:TieredStopAtLevel=1`.");
        line("");
        table(samples);
        List<String> names = new ArrayList<>(samples.keySet());
        double[] ratios = new double[3];
        for (int i = 0; i < 3; i++) {
            ratios[i] = median(samples.get(names.get(2 * i))) / median(samples.get(names.get(2 * i + 1)));
        }
        line("");
        line("Ratio ours/baseline: **" + fmt2(ratios[0]) + "x** with the jar on the class path, **"
                + fmt2(ratios[1]) + "x** unpacked as on Lambda, **" + fmt2(ratios[2])
                + "x** unpacked with C1 only (target: at most 1.25x).");
        VERDICTS.put("Cold start at most 1.25x the baseline", verdict(
                Math.max(ratios[0], Math.max(ratios[1], ratios[2])) <= 1.25, fmt2(ratios[0]) + "x jar, "
                        + fmt2(ratios[1]) + "x unpacked, " + fmt2(ratios[2]) + "x unpacked with C1"));
    }

    static final String C1 = "-XX:TieredStopAtLevel=1";
    static final Path JAVA = Path.of(System.getProperty("java.home"));

    /**
     * One cold-start configuration: which handler, from which package, laid out how, on which JVM, with what
     * options, environment (null: the refresh token in the environment) and event.
     */
    record Variant(String name, String handler, Path pkg, Path taskRoot, List<String> jvmArgs, Path javaHome,
                   Map<String, String> env, String event) {

        Variant(String name, String handler, Path pkg, Path taskRoot, List<String> jvmArgs, Path javaHome) {
            this(name, handler, pkg, taskRoot, jvmArgs, javaHome, null, DEPLOY);
        }
    }

    /** Runs every variant {@code runs} times, interleaved and rotated, so that noise falls on all alike. */
    static Map<String, List<Double>> measure(CannedPlatform platform, List<Variant> variants, int runs)
            throws Exception {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        variants.forEach(v -> samples.put(v.name(), new ArrayList<>()));
        for (int run = 0; run < runs; run++) {
            // Each round starts one variant later, so that no variant always runs first (or after the same one).
            for (int i = 0; i < variants.size(); i++) {
                Variant v = variants.get((i + run) % variants.size());
                samples.get(v.name()).add(coldStartOnce(platform, v));
            }
        }
        return samples;
    }

    static void table(Map<String, List<Double>> samples) {
        line("| variant | median ms | min | max |");
        line("|---|---:|---:|---:|");
        samples.forEach((name, s) -> line("| " + name + " | " + fmt(median(s)) + " | " + fmt(Collections.min(s))
                + " | " + fmt(Collections.max(s)) + " |"));
    }

    // On Java 25 (the runtime the CDK stack deploys), with and without an AOT cache (JEP 483/514) from one training
    // run: what the class-loading share of a cold start is worth. Only when -Dipaasops.bench.jdk25 names a JDK 25.
    static void aotCache(CannedPlatform platform, int runs) throws Exception {
        String home = System.getProperty("ipaasops.bench.jdk25", "");
        line("");
        line("### On Java 25, with an AOT cache");
        line("");
        if (home.isBlank() || !Files.isExecutable(Path.of(home, "bin", "java"))) {
            line("Skipped: run with `-Dbench.jdk25=<a JDK 25 home>` to measure it.");
            return;
        }
        Path jdk = Path.of(home);
        Path ours = lambdaJar();
        Path baseline = benchJar("baseline.jar", BaselineHandler.class);
        String handler = "io.ipaasops.functions.prismatic.DeployInstanceFunction";
        String base = BaselineHandler.class.getName();
        Path oursCache = Path.of("target", "bench", "ours.aot").toAbsolutePath();
        Path baseCache = Path.of("target", "bench", "baseline.aot").toAbsolutePath();
        Files.deleteIfExists(oursCache);
        Files.deleteIfExists(baseCache);
        // The training run: one cold invocation; the JVM writes the cache as it exits.
        coldStartOnce(platform, new Variant("train", handler, ours, null,
                List.of("-XX:AOTCacheOutput=" + oursCache), jdk));
        coldStartOnce(platform, new Variant("train", base, baseline, null,
                List.of("-XX:AOTCacheOutput=" + baseCache), jdk));
        if (!Files.isRegularFile(oursCache) || !Files.isRegularFile(baseCache)) {
            line("Skipped: a training run did not write its cache (is " + jdk + " a JDK 25 or later?).");
            return;
        }
        List<Variant> variants = List.of(
                new Variant("ipaas-ops, Java 25", handler, ours, null, List.of(), jdk),
                new Variant("baseline, Java 25", base, baseline, null, List.of(), jdk),
                new Variant("ipaas-ops, Java 25, AOT cache", handler, ours, null,
                        List.of("-XX:AOTCache=" + oursCache), jdk),
                new Variant("baseline, Java 25, AOT cache", base, baseline, null,
                        List.of("-XX:AOTCache=" + baseCache), jdk),
                new Variant("ipaas-ops, Java 25, AOT cache, C1 only", handler, ours, null,
                        List.of("-XX:AOTCache=" + oursCache, C1), jdk),
                new Variant("baseline, Java 25, AOT cache, C1 only", base, baseline, null,
                        List.of("-XX:AOTCache=" + baseCache, C1), jdk));
        Map<String, List<Double>> samples = measure(platform, variants, runs);
        line("The jars on the class path (a cache needs jars), " + runs + " runs per variant, interleaved; the cache"
                + " comes from one training run with `-XX:AOTCacheOutput` (ours " + fmt(Files.size(oursCache) / 1e6)
                + " MB, baseline's " + fmt(Files.size(baseCache) / 1e6) + " MB). " + Runtime.version() + " runs this"
                + " suite; the JDK here is " + jdk + ".");
        line("");
        table(samples);
        List<Double> m = samples.values().stream().map(Benchmarks::median).toList();
        line("");
        line("Ratio ours/baseline: " + fmt2(m.get(0) / m.get(1)) + "x on Java 25, " + fmt2(m.get(2) / m.get(3))
                + "x both with a cache, " + fmt2(m.get(4) / m.get(5)) + "x both with a cache and C1 only; ours with"
                + " a cache against the baseline without one: " + fmt2(m.get(2) / m.get(1)) + "x. A cache must be"
                + " built by the very JVM that uses it (Lambda's own Java 25 build and architecture), so it is not"
                + " shipped: see `docs/decisions/0016-lambda-deployable.md`.");
    }

    static double coldStartOnce(CannedPlatform platform, Variant v) throws Exception {
        try (RuntimeApiStub api = RuntimeApiStub.start()) {
            LambdaProcess.Builder builder = LambdaProcess.builder(v.handler())
                    .ricLibs(Path.of(System.getProperty("ipaasops.ric.libs", "target/ric-libs")))
                    .runtimeApi(api.address())
                    .workDir(Path.of("target", "bench", "work"))
                    .env("PRISMATIC_URL", platform.url());
            if (v.env() == null) {
                builder.env("PRISM_REFRESH_TOKEN", CannedPlatform.REFRESH_TOKEN);
            } else {
                v.env().forEach(builder::env);
            }
            if (v.taskRoot() == null) {
                builder.classpath(v.pkg());
            } else {
                builder.deploymentPackage(v.pkg(), v.taskRoot());
            }
            builder.jvmArgs(v.jvmArgs().toArray(String[]::new)).javaHome(v.javaHome());
            try (LambdaProcess process = builder.start()) {
                RuntimeApiStub.Invocation answer = api.invoke(v.event(), Duration.ofSeconds(60));
                if (answer.error() || !answer.body().contains("SW5z")) {
                    throw new IllegalStateException("cold start run failed: " + answer.body() + process.describe());
                }
                return (answer.postedNanos() - process.startedNanos()) / 1e6;
            }
        }
    }

    static Path lambdaJar() {
        return Path.of(System.getProperty("ipaasops.lambda.jar", "target/ipaas-ops-lambda.jar"));
    }

    /** A jar of just {@code classes} (and their nested classes), taken from the bench's own class path. */
    static Path benchJar(String name, Class<?>... classes) throws IOException {
        Path jar = Path.of("target", "bench", name);
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : classes) {
                Path dir = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
                String prefix = type.getName().replace('.', '/');
                try (var files = Files.walk(dir.resolve(prefix).getParent(), 1)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().startsWith(type.getSimpleName()
                            + ".") || f.getFileName().toString().startsWith(type.getSimpleName() + "$")).toList()) {
                        out.putNextEntry(new JarEntry(dir.relativize(file).toString().replace('\\', '/')));
                        out.write(Files.readAllBytes(file));
                        out.closeEntry();
                    }
                }
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return jar;
    }

    // What a cold start spends its time on: phases of a first invocation, and the classes it loads by package.
    static void phases() throws Exception {
        Path log = Path.of("target", "bench", "class-load.txt");
        List<Map<String, Long>> runs = new ArrayList<>();
        // The deployable as Lambda lays it out (unpacked by the cold-start runs), plus the two bench classes.
        String classPath = Path.of("target", "bench", "task-ours").toAbsolutePath() + java.io.File.pathSeparator
                + benchJar("phases.jar", ColdPhases.class, CannedPlatform.class).toAbsolutePath();
        for (int i = 0; i < 5; i++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xlog:class+load:file=" + log, "-cp", classPath, ColdPhases.class.getName()));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            Map<String, Long> run = new LinkedHashMap<>();
            for (String part : out.trim().split(";")) {
                String[] kv = part.split("=");
                if (kv.length == 2) {
                    run.put(kv[0], Long.parseLong(kv[1].trim()));
                }
            }
            runs.add(run);
        }
        line("");
        line("### What a cold start spends its time on");
        line("");
        line("A first invocation in a fresh JVM on the unpacked deployable (in-process, no runtime client), median"
                + " of 5:");
        line("");
        line("| phase | median ms |");
        line("|---|---:|");
        for (String key : List.of("context", "first", "upstream", "second")) {
            List<Double> values = runs.stream().filter(r -> r.containsKey(key))
                    .map(r -> (double) r.get(key)).toList();
            String label = switch (key) {
                case "context" -> "application context start (bean definitions, configuration)";
                case "first" -> "first invocation (client graph, HTTP client, TLS, serde, JIT)";
                case "upstream" -> "of which inside the HTTP exchanges (the stub answers at once: this is the"
                        + " first use of the JDK HTTP client and Reactor)";
                default -> "second invocation";
            };
            line("| " + label + " | " + (values.isEmpty() ? "-" : fmt(median(values))) + " |");
        }
        Map<String, Integer> byPackage = new LinkedHashMap<>();
        int shared = 0;
        int total = 0;
        for (String entry : Files.readAllLines(log)) {
            total++;
            if (entry.contains("shared objects file")) {
                shared++;
                continue;
            }
            int start = entry.indexOf("] ") + 2;
            int end = entry.indexOf(' ', start);
            if (start < 2 || end < 0) {
                continue;
            }
            String[] parts = entry.substring(start, end).split("\\.");
            String group = parts.length > 2 ? parts[0] + "." + parts[1] + "." + parts[2] : parts[0];
            byPackage.merge(group, 1, Integer::sum);
        }
        line("");
        line("Classes loaded by that JVM: " + total + " (" + shared + " from the JDK's class-data-sharing archive)."
                + " Largest groups loaded from the class path:");
        line("");
        line("| package | classes |");
        line("|---|---:|");
        byPackage.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(10)
                .forEach(e -> line("| `" + e.getKey() + "` | " + e.getValue() + " |"));
    }
}
