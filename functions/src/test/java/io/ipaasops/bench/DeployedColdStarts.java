package io.ipaasops.bench;

import static io.ipaasops.bench.Benchmarks.VERDICTS;
import static io.ipaasops.bench.Benchmarks.fmt2;
import static io.ipaasops.bench.Benchmarks.line;
import static io.ipaasops.bench.Benchmarks.verdict;

import io.ipaasops.bench.ColdStarts.Variant;
import io.ipaasops.lambda.FunctionRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Section 1a of the benchmarks: the cold start a deployed function has. The Lambda jar unpacked as Lambda runs it,
 * Java 25 with the stack's {@code JAVA_TOOL_OPTIONS}, the refresh token read from Secrets Manager and, for a
 * changing action, the idempotency table in DynamoDB; against the plain handler doing the same calls.
 */
final class DeployedColdStarts {

    static final String GET = "{\"instanceId\":\"SW5zdGFuY2U6MQ==\"}";
    static final String SCHEDULED = "{\"version\":\"0\",\"id\":\"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa\","
            + "\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"account\":\"123456789012\","
            + "\"time\":\"2026-11-22T12:00:00Z\",\"region\":\"eu-west-1\",\"resources\":[],"
            + "\"detail\":{\"instanceId\":\"SW5zdGFuY2U6MQ==\"}}";
    private static final String GET_HANDLER = "io.ipaasops.functions.prismatic.GetInstanceFunction";
    private static final String DEPLOY_HANDLER = "io.ipaasops.functions.prismatic.DeployInstanceFunction";

    private DeployedColdStarts() {
    }

    /** The JDK the stack's runtime stands for: {@code -Dbench.jdk25}, else the one running the suite. */
    static Path jdk() {
        String home = System.getProperty("ipaasops.bench.jdk25", "");
        return !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "java")) ? Path.of(home) : ColdStarts.JAVA;
    }

    /** What Lambda gives a deployed function (on demand), pointed at the canned platform. */
    static Map<String, String> deployedEnv(CannedPlatform platform) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_TOOL_OPTIONS", FunctionRuntime.JAVA_TOOL_OPTIONS);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_ACCESS_KEY_ID", "ASIABENCHBENCHBENCH1");
        env.put("AWS_SECRET_ACCESS_KEY", "bench-secret");
        env.put("AWS_SESSION_TOKEN", "bench-session");
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", platform.url());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", platform.url());
        env.put("PRISMATIC_SECRET_ID", "bench/prismatic");
        env.put("WEBHOOK_SECRET_ID", "bench/webhook");
        return env;
    }

    static void deployed(CannedPlatform platform, int runs) throws Exception {
        Path jdk = jdk();
        Path ours = ColdStarts.lambdaJar();
        Path baseline = ColdStarts.benchJar("baseline.jar", BaselineHandler.class);
        String base = BaselineHandler.class.getName();
        Path oursTask = Path.of("target", "bench", "task-ours");
        Path baseTask = Path.of("target", "bench", "task-baseline");
        Map<String, String> read = deployedEnv(platform);
        Map<String, String> baseRead = with(read, "BASELINE_OPERATION", "get");
        Map<String, String> change = with(read, "IDEMPOTENCY_TABLE", "bench-idempotency");
        Map<String, String> envToken = with(with(read, "PRISM_REFRESH_TOKEN", CannedPlatform.REFRESH_TOKEN),
                "PRISMATIC_SECRET_ID", null);
        List<Variant> variants = List.of(
                new Variant("ipaas-ops, get-instance (reading)", GET_HANDLER, ours, oursTask, List.of(), jdk, read,
                        GET),
                new Variant("baseline, the same query", base, baseline, baseTask, List.of(), jdk, baseRead, GET),
                new Variant("ipaas-ops, deploy-instance from a schedule (changing, idempotency table)",
                        DEPLOY_HANDLER, ours, oursTask, List.of(), jdk, change, SCHEDULED),
                new Variant("baseline, the same mutation and two item writes", base, baseline, baseTask, List.of(),
                        jdk, change, SCHEDULED),
                new Variant("ipaas-ops, deploy-instance, token in the environment (no secret read)",
                        DEPLOY_HANDLER, ours, oursTask, List.of(), jdk, envToken, Benchmarks.DEPLOY),
                new Variant("baseline, the same", base, baseline, baseTask, List.of(), jdk, envToken,
                        Benchmarks.DEPLOY));
        Map<String, List<Double>> samples = ColdStarts.measure(platform, variants, runs);
        line("");
        line("### 1a. Cold start as deployed");
        line("");
        line("What a deployed function runs: the Lambda jar unpacked as on Lambda, " + javaName(jdk) + " with the"
                + " stack's `JAVA_TOOL_OPTIONS=" + FunctionRuntime.JAVA_TOOL_OPTIONS + "`, on-demand"
                + " initialisation, credentials in Lambda's variables, the refresh token read from Secrets Manager"
                + " (a zero-latency stub, SigV4-signed by both), and for the changing action the idempotency claim"
                + " and completion in DynamoDB (a stub). The baseline is the same plain handler, doing the same"
                + " calls with `java.net.http` and hand-written SigV4. " + runs + " runs per variant, interleaved.");
        line("");
        ColdStarts.table(samples);
        List<Double> m = samples.values().stream().map(Benchmarks::median).toList();
        double readRatio = m.get(0) / m.get(1);
        double changeRatio = m.get(2) / m.get(3);
        line("");
        List<Double> fastest = samples.values().stream().map(s -> s.stream().min(Double::compare).orElseThrow())
                .toList();
        line("Ratio ours/baseline: **" + fmt2(readRatio) + "x** reading, **" + fmt2(changeRatio) + "x** changing"
                + " with the idempotency table, " + fmt2(m.get(4) / m.get(5)) + "x with the token in the environment"
                + " (target: at most 1.25x). By the fastest of each variant's runs, which the machine's load touches"
                + " least: " + fmt2(fastest.get(0) / fastest.get(1)) + "x, " + fmt2(fastest.get(2) / fastest.get(3))
                + "x and " + fmt2(fastest.get(4) / fastest.get(5)) + "x.");
        VERDICTS.put("Cold start as deployed at most 1.25x the plain handler", verdict(
                Math.max(readRatio, changeRatio) <= 1.25, fmt2(readRatio) + "x reading, " + fmt2(changeRatio)
                        + "x changing"));
        classes(platform, List.of(variants.get(0), variants.get(1), variants.get(2), variants.get(3)));
    }

    /** One more run of each variant with class-load logging: how many classes, and how many are the SDK's. */
    private static void classes(CannedPlatform platform, List<Variant> variants) throws Exception {
        line("");
        line("Classes loaded by the JVM in one more run of each (`-Xlog:class+load`):");
        line("");
        line("| variant | classes | AWS SDK | of which `regions.servicemetadata` | Micronaut serde | Jackson |");
        line("|---|---:|---:|---:|---:|---:|");
        for (Variant v : variants) {
            Path log = Path.of("target", "bench", "classes-" + Math.abs(v.name().hashCode()) + ".txt")
                    .toAbsolutePath();
            Files.deleteIfExists(log);
            List<String> args = new ArrayList<>(v.jvmArgs());
            args.add("-Xlog:class+load:file=" + log);
            platform.resetCounts();
            ColdStarts.coldStartOnce(platform, new Variant(v.name(), v.handler(), v.pkg(), v.taskRoot(), args,
                    v.javaHome(), v.env(), v.event()));
            if (platform.secretReads() != 1 || v.env().containsKey("IDEMPOTENCY_TABLE")
                    && platform.tableWrites() != 2) {
                throw new IllegalStateException(v.name() + " did not make the deployed calls: "
                        + platform.secretReads() + " secret reads, " + platform.tableWrites() + " item writes");
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String entry : Files.readAllLines(log)) {
                int start = entry.indexOf("] ") + 2;
                int end = entry.indexOf(' ', start);
                if (start < 2 || end < 0) {
                    continue;
                }
                String name = entry.substring(start, end);
                counts.merge("all", 1, Integer::sum);
                counts.merge("sdk", name.startsWith("software.amazon.awssdk.") ? 1 : 0, Integer::sum);
                counts.merge("meta", name.startsWith("software.amazon.awssdk.regions.servicemetadata.") ? 1 : 0,
                        Integer::sum);
                counts.merge("serde", name.startsWith("io.micronaut.serde.") ? 1 : 0, Integer::sum);
                counts.merge("jackson", name.startsWith("com.fasterxml.jackson.") ? 1 : 0, Integer::sum);
            }
            line("| " + v.name() + " | " + counts.get("all") + " | " + counts.get("sdk") + " | "
                    + counts.get("meta") + " | " + counts.get("serde") + " | " + counts.get("jackson") + " |");
        }
    }

    static String javaName(Path jdk) {
        return jdk.equals(ColdStarts.JAVA) ? "Java " + Runtime.version().feature() + " (no `-Dbench.jdk25` given)"
                : "Java 25 (" + jdk + ")";
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy;
    }
}
