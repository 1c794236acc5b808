package io.ipaasops.bench;

import static io.ipaasops.bench.Benchmarks.VERDICTS;
import static io.ipaasops.bench.Benchmarks.fmt;
import static io.ipaasops.bench.Benchmarks.line;
import static io.ipaasops.bench.Benchmarks.median;
import static io.ipaasops.bench.Benchmarks.verdict;

import io.ipaasops.bench.ColdStarts.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Section 1c of the benchmarks: what the metrics record costs a cold start as deployed, written by our own writer
 * and by each of the two EMF libraries (aws-embedded-metrics, powertools-metrics) shaded into the Lambda jar as a
 * dependency would be (docs/decisions/0029).
 */
final class MetricsCost {

    private static final String GET_HANDLER = "io.ipaasops.functions.prismatic.GetInstanceFunction";
    private static final String LIBRARY_HANDLER = "io.ipaasops.bench.libraries.LibraryMetricsHandler";
    /** A class of each library jar (and of each of their dependencies the Lambda jar lacks). */
    private static final List<String> LIBRARY_CLASSES = List.of(
            "software.amazon.cloudwatchlogs.emf.logger.MetricsLogger",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule",
            "org.javatuples.Pair",
            "org.apache.commons.lang3.StringUtils",
            "software.amazon.lambda.powertools.metrics.MetricsFactory",
            "software.amazon.lambda.powertools.common.internal.LambdaHandlerProcessor");

    private MetricsCost() {
    }

    static void measure(CannedPlatform platform, int runs) throws Exception {
        Path jdk = DeployedColdStarts.jdk();
        Path ours = ColdStarts.lambdaJar();
        Path withLibraries = libraryJar(ours);
        Path oursTask = Path.of("target", "bench", "task-ours");
        Path librariesTask = Path.of("target", "bench", "task-libraries");
        Map<String, String> env = DeployedColdStarts.deployedEnv(platform);
        Map<String, String> off = with(env, "IPAAS_METRICS_ENABLED", "false");
        List<Variant> variants = List.of(
                new Variant("ipaas-ops, get-instance, our EMF record", GET_HANDLER, ours, oursTask, List.of(), jdk,
                        env, DeployedColdStarts.GET),
                new Variant("ipaas-ops, get-instance, no record (`IPAAS_METRICS_ENABLED=false`)", GET_HANDLER, ours,
                        oursTask, List.of(), jdk, off, DeployedColdStarts.GET),
                new Variant("the same, record by aws-embedded-metrics 4.2.0", LIBRARY_HANDLER, withLibraries,
                        librariesTask, List.of(), jdk, with(off, "BENCH_METRICS_LIBRARY", "aws-embedded-metrics"),
                        DeployedColdStarts.GET),
                new Variant("the same, record by powertools-metrics 2.9.0", LIBRARY_HANDLER, withLibraries,
                        librariesTask, List.of(), jdk, with(off, "BENCH_METRICS_LIBRARY", "powertools-metrics"),
                        DeployedColdStarts.GET));
        Map<String, List<Double>> samples = ColdStarts.measure(platform, variants, runs);
        List<Integer> classes = new ArrayList<>();
        List<Boolean> recorded = new ArrayList<>();
        for (Variant v : variants) {
            classes.add(classesLoaded(platform, v));
            recorded.add(Files.readString(Path.of("target", "bench", "work", "stdout.log")).contains("\"_aws\""));
        }
        line("");
        line("### 1c. What the metrics record costs a cold start");
        line("");
        line("As 1a (get-instance, " + DeployedColdStarts.javaName(jdk) + ", the stack's options, the secret read"
                + " from Secrets Manager), " + runs + " runs per variant, interleaved: the Lambda jar with our own"
                + " record, without it, and with the same record (the ten invocation metrics by platform and"
                + " action, and by platform) written by a library shaded into the jar with its dependencies"
                + " (jackson-databind 2.19.2, as the BOM resolves it). Classes from one more run of each.");
        line("");
        line("| variant | median ms | min | max | cost vs no record (median, min) | classes loaded"
                + " | record on stdout |");
        line("|---|---:|---:|---:|---:|---:|---|");
        List<String> names = new ArrayList<>(samples.keySet());
        List<Double> none = samples.get(names.get(1));
        for (int i = 0; i < names.size(); i++) {
            List<Double> s = samples.get(names.get(i));
            String cost = i == 1 ? "–" : fmt(median(s) - median(none)) + ", " + fmt(Collections.min(s)
                    - Collections.min(none));
            line("| " + names.get(i) + " | " + fmt(median(s)) + " | " + fmt(Collections.min(s)) + " | "
                    + fmt(Collections.max(s)) + " | " + cost + " | " + classes.get(i) + " (" + signed(classes.get(i)
                    - classes.get(1)) + ") | " + (recorded.get(i) ? "yes" : "no") + " |");
        }
        line("");
        line("The class counts are exact; on this shared machine the medians move by tens of milliseconds between"
                + " runs of the same jar, so a difference within that is none.");
        // The verdict rests on the classes: the timing difference of our record is below this machine's noise.
        double ourCost = median(samples.get(names.get(0))) - median(none);
        int ourClasses = classes.get(0) - classes.get(1);
        VERDICTS.put("Our metrics record adds at most 20 classes to a cold start (the libraries: ~700)",
                verdict(ourClasses <= 20, signed(ourClasses) + " classes, " + fmt(ourCost) + " ms by the median"));
    }

    private static String signed(int n) {
        return n >= 0 ? "+" + n : Integer.toString(n);
    }

    /** One more run of {@code v} with class-load logging; how many classes the JVM loaded. */
    private static int classesLoaded(CannedPlatform platform, Variant v) throws Exception {
        Path log = Path.of("target", "bench", "classes-metrics-" + Math.abs(v.name().hashCode()) + ".txt")
                .toAbsolutePath();
        Files.deleteIfExists(log);
        List<String> args = new ArrayList<>(v.jvmArgs());
        args.add("-Xlog:class+load:file=" + log);
        ColdStarts.coldStartOnce(platform, new Variant(v.name(), v.handler(), v.pkg(), v.taskRoot(), args,
                v.javaHome(), v.env(), v.event()));
        try (Stream<String> lines = Files.lines(log)) {
            return (int) lines.count();
        }
    }

    /**
     * The Lambda jar with both libraries, their dependencies and the probe handler merged in, as the shade plugin
     * would merge them: the first copy of an entry wins, service files are concatenated, signatures dropped.
     */
    private static Path libraryJar(Path lambdaJar) throws IOException {
        Path jar = Path.of("target", "bench", "lambda-with-emf-libraries.jar");
        Files.createDirectories(jar.getParent());
        Set<Path> libraries = new LinkedHashSet<>();
        for (String name : LIBRARY_CLASSES) {
            libraries.add(location(name));
        }
        Map<String, byte[]> services = new LinkedHashMap<>();
        Set<String> written = new java.util.HashSet<>();
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path source : Stream.concat(Stream.of(lambdaJar), libraries.stream()).toList()) {
                try (JarFile in = new JarFile(source.toFile())) {
                    for (JarEntry entry : Collections.list(in.entries())) {
                        String name = entry.getName();
                        if (entry.isDirectory() || dropped(name)) {
                            continue;
                        }
                        byte[] bytes;
                        try (InputStream data = in.getInputStream(entry)) {
                            bytes = data.readAllBytes();
                        }
                        if (name.startsWith("META-INF/services/")) {
                            services.merge(name, bytes, MetricsCost::joined);
                        } else if (written.add(name)) {
                            out.putNextEntry(new JarEntry(name));
                            out.write(bytes);
                            out.closeEntry();
                        }
                    }
                }
            }
            for (Map.Entry<String, byte[]> service : services.entrySet()) {
                out.putNextEntry(new JarEntry(service.getKey()));
                out.write(service.getValue());
                out.closeEntry();
            }
            Path classes = location(LIBRARY_HANDLER);
            try (Stream<Path> files = Files.walk(classes.resolve("io/ipaasops/bench/libraries"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(file));
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    private static boolean dropped(String name) {
        return name.matches("META-INF/[^/]+\\.(SF|DSA|RSA)") || name.endsWith("module-info.class");
    }

    private static byte[] joined(byte[] a, byte[] b) {
        String first = new String(a, StandardCharsets.UTF_8);
        return (first.endsWith("\n") ? first : first + "\n").concat(new String(b, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The jar or class directory {@code className} is loaded from in this JVM (the bench's test class path). */
    private static Path location(String className) {
        try {
            return Path.of(Class.forName(className, false, MetricsCost.class.getClassLoader()).getProtectionDomain()
                    .getCodeSource().getLocation().toURI());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the class path: run the bench with -Pbench", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(name, value);
        return copy;
    }
}
