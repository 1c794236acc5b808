package io.ipaasops.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaasops.functions.Actions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the app command of {@code infra/cdk.json} as the CDK CLI runs it (a process in {@code infra/} with
 * {@code CDK_OUTDIR}), once, after {@code package} and without {@code install}, and checks the cloud assembly.
 */
class CdkAppIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path INFRA = Path.of("").toAbsolutePath();
    private static final Path LAMBDA_JAR = INFRA.resolve("../functions/target/ipaas-ops-lambda.jar").normalize();

    @TempDir
    static Path work;

    private static Path outdir;
    private static String stdout;
    private static String stderr;

    @BeforeAll
    static void runTheAppCommand() throws IOException, InterruptedException {
        String app = JSON.readTree(INFRA.resolve("cdk.json").toFile()).path("app").asText();
        outdir = Files.createDirectories(work.resolve("cdk.out"));
        Path out = work.resolve("stdout");
        Path err = work.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", app).directory(INFRA.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("CDK_OUTDIR", outdir.toString());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("the app command took over 5 minutes");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int exit = process.exitValue();
        stdout = Files.readString(out);
        stderr = Files.readString(err);
        System.out.printf("cdk.json's app command: exit %d in %d ms%n", exit, millis);
        assertEquals(0, exit, "exit code; stderr:\n" + stderr + "\nstdout:\n" + stdout);
    }

    private static JsonNode read(String file) throws IOException {
        return JSON.readTree(outdir.resolve(file).toFile());
    }

    @Test
    void writesTheManifestAndTheStackTemplateIntoCdkOutdirAndNothingToStdout() throws IOException {
        JsonNode stack = read("manifest.json").path("artifacts").path("IpaasOps");
        assertEquals("aws:cloudformation:stack", stack.path("type").asText());
        String templateFile = stack.path("properties").path("templateFile").asText();
        assertTrue(Files.isRegularFile(outdir.resolve(templateFile)), templateFile);
        // `cdk synth` prints the template on its stdout, which the app's stdout would corrupt.
        assertEquals("", stdout.strip());
    }

    @Test
    void everyFunctionDeploysTheCurrentLambdaJarAsTheAsset() throws IOException {
        JsonNode files = read("IpaasOps.assets.json").path("files");
        List<String> jarAssets = new ArrayList<>();
        files.fields().forEachRemaining(asset -> {
            if (asset.getValue().path("source").path("path").asText().endsWith(".jar")) {
                jarAssets.add(asset.getKey());
            }
        });
        assertEquals(1, jarAssets.size(), "one jar asset: " + files);
        JsonNode asset = files.path(jarAssets.get(0));
        Path staged = outdir.resolve(asset.path("source").path("path").asText());
        assertEquals(sha256(LAMBDA_JAR), sha256(staged), "the staged asset is functions/target/ipaas-ops-lambda.jar");

        String objectKey = asset.path("destinations").elements().next().path("objectKey").asText();
        List<String> handlers = new ArrayList<>();
        read("IpaasOps.template.json").path("Resources").forEach(resource -> {
            JsonNode properties = resource.path("Properties");
            if (resource.path("Type").asText().equals("AWS::Lambda::Function")
                    && properties.path("Handler").asText().startsWith("io.ipaasops.")) {
                assertEquals(objectKey, properties.path("Code").path("S3Key").asText());
                handlers.add(properties.path("Handler").asText());
            }
        });
        assertEquals(Actions.all().stream().map(a -> a.getClass().getName()).sorted().toList(),
                handlers.stream().sorted().toList(), "one function per action of this checkout's registry");
    }

    @Test
    void printsNoSnapStartWarningAndLeavesNoFeatureFlagForTheCliToReport() {
        assertFalse(stderr.contains("SnapStart"), stderr);
        assertFalse(stdout.contains("SnapStart"), stdout);
        assertFalse((stdout + stderr).contains("feature flags"), stderr);
        assertEquals(List.of(), FeatureFlagReport.needingAttention(outdir));
    }

    @Test
    void leavesNoSnapStartWarningInTheAssemblyForTheCliToPrint() throws IOException {
        List<String> warnings = new ArrayList<>();
        read("IpaasOps.metadata.json").forEach(entries -> entries.forEach(entry -> {
            if (entry.path("type").asText().equals("aws:cdk:warning")) {
                warnings.add(entry.path("data").asText());
            }
        }));
        assertEquals(List.of(), warnings.stream().filter(w -> w.contains("SnapStart")).toList());
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
