package io.ipaasops.bench;

import static io.ipaasops.bench.Benchmarks.VERDICTS;
import static io.ipaasops.bench.Benchmarks.fmt;
import static io.ipaasops.bench.Benchmarks.fmt2;
import static io.ipaasops.bench.Benchmarks.line;
import static io.ipaasops.bench.Benchmarks.median;
import static io.ipaasops.bench.Benchmarks.verdict;

import io.ipaasops.functions.lambda.LambdaProcess;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section 1b of the benchmarks: the closest this machine comes to a SnapStart restore. What users feel is the
 * restore plus the first call after it; the first call is measured after priming as the checkpoint runs it, against
 * the same three calls (secret read, token exchange, mutation) in a warm JVM whose caches were cleared.
 */
final class SnapStartRestore {

    private SnapStartRestore() {
    }

    static void restore(CannedPlatform platform, int runs) throws Exception {
        Path jdk = DeployedColdStarts.jdk();
        // The deployable as Lambda lays it out (unpacked again when the jar is newer).
        LambdaProcess.builder("unpack").deploymentPackage(ColdStarts.lambdaJar(), Path.of("target", "bench",
                "task-ours"));
        String classPath = Path.of("target", "bench", "task-ours").toAbsolutePath() + File.pathSeparator
                + ColdStarts.benchJar("restore.jar", RestoreProbe.class).toAbsolutePath();
        Map<String, String> env = DeployedColdStarts.deployedEnv(platform);
        // SnapStart: initialised for a snapshot, credentials from the container endpoint instead of variables.
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        env.remove("AWS_SESSION_TOKEN");
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", platform.url() + "/credentials");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", "bench-authorization");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "ipaas-ops-deploy-instance");
        env.put("PRISMATIC_URL", platform.url());
        List<Map<String, Long>> restores = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        platform.resetCounts();
        for (int i = 0; i < runs; i++) {
            restores.add(probe(jdk, classPath, env, "restore"));
            warm.add(probe(jdk, classPath, env, "warm").get("warm") / 1000.0);
        }
        if (platform.secretReads() < runs) {
            throw new IllegalStateException("the restored function read no secret: " + platform.secretReads());
        }
        int[] counts = firstCallClasses(jdk, classPath, env);
        double first = median(restores.stream().map(r -> r.get("first") / 1000.0).toList());
        double reference = median(warm);
        line("");
        line("### 1b. SnapStart: the first call after a restore");
        line("");
        line("With SnapStart every invocation through the alias `live` starts from a snapshot, so users feel the"
                + " restore plus the first call after it. The restore itself cannot be measured here; the first call"
                + " can: in one JVM (" + DeployedColdStarts.javaName(jdk) + ", the stack's options, SnapStart's"
                + " variables, container credentials) the handler is built as INIT builds it, the CRaC"
                + " before-checkpoint resources run as the checkpoint runs them (as micronaut-crac's"
                + " CheckpointSimulator does: no network call, no secret), then the first deploy-instance is timed:"
                + " container credentials, secret read, token exchange and mutation against zero-latency stubs."
                + " The reference is the same calls in a warm JVM (300 invocations) whose secret and token caches"
                + " were cleared (median of 11 there). " + runs + " JVMs each, interleaved.");
        line("");
        line("| | median ms |");
        line("|---|---:|");
        line("| handler construction during INIT (context start) | "
                + fmt(median(restores.stream().map(r -> (double) r.get("init")).toList())) + " |");
        line("| priming before the checkpoint | "
                + fmt(median(restores.stream().map(r -> (double) r.get("prime")).toList())) + " |");
        line("| **first invocation after the restore** | " + fmt2(first) + " |");
        line("| the same calls in a warm JVM, caches cleared | " + fmt2(reference) + " |");
        line("");
        line("Classes the first call loads after priming: " + counts[1] + " with the class list of"
                + " `SnapStartPriming` (" + counts[0] + " without it; that run's list is written to"
                + " `functions/target/bench/first-call-classes.txt`, the source of"
                + " `shared/src/main/resources/io/ipaasops/lambda/first-call-classes.txt`).");
        line("");
        line("Ratio first call after restore / warm: **" + fmt2(first / reference) + "x** (target: at most 1.5x).");
        VERDICTS.put("SnapStart: first call after restore at most 1.5x the warm one", verdict(
                first / reference <= 1.5, fmt2(first / reference) + "x: " + fmt2(first) + " against "
                        + fmt2(reference) + " ms"));
    }

    /**
     * Classes loaded by the first call after priming, without the class list and with it; the run without it
     * writes the list a deployable should prime (hidden and generated classes left out).
     */
    private static int[] firstCallClasses(Path jdk, String classPath, Map<String, String> env) throws Exception {
        int[] counts = new int[2];
        for (int i = 0; i < 2; i++) {
            Path log = Path.of("target", "bench", "restore-classes-" + i + ".txt").toAbsolutePath();
            Files.deleteIfExists(log);
            probe(jdk, classPath, env, "restore", "-Xlog:class+load:file=" + log,
                    "-Dipaas.snap-start.class-list=" + (i == 1));
            List<String> after = new ArrayList<>();
            boolean started = false;
            for (String entry : Files.readAllLines(log)) {
                int start = entry.indexOf("] ") + 2;
                int end = entry.indexOf(' ', start);
                if (start < 2 || end < 0) {
                    continue;
                }
                String name = entry.substring(start, end);
                if (name.equals(RestoreProbe.FirstCall.class.getName())) {
                    started = true;
                } else if (started) {
                    after.add(name);
                }
            }
            counts[i] = after.size();
            if (i == 0) {
                List<String> list = new ArrayList<>(List.of("# Classes the first call after a SnapStart restore loads"
                        + " once SnapStartPriming has run, as the benchmarks' restore probe recorded them on "
                        + DeployedColdStarts.javaName(jdk) + "; primed by loading them before the snapshot."));
                after.stream().filter(n -> !n.contains("$$") && !n.contains("/0x") && !n.startsWith("jdk.proxy")
                        && !n.startsWith("jdk.internal.reflect.Generated") && !n.startsWith("io.ipaasops.bench"))
                        .distinct().forEach(list::add);
                Files.write(Path.of("target", "bench", "first-call-classes.txt"), list);
            }
        }
        return counts;
    }

    private static Map<String, Long> probe(Path jdk, String classPath, Map<String, String> env, String mode,
                                           String... jvmArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(jdk.resolve("bin").resolve("java").toString()));
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", classPath, RestoreProbe.class.getName(), mode));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().keySet().retainAll(List.of("PATH", "LANG"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0 || !out.contains("=")) {
            throw new IllegalStateException("the " + mode + " probe failed: " + out);
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (String part : out.trim().split(";")) {
            String[] kv = part.split("=");
            values.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
        }
        return values;
    }
}
