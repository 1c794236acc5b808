package io.ipaasops.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shaded jar as its own process, as a user would, and captures what it printed.
 *
 * @param exit   the exit status
 * @param stdout what it printed on stdout
 * @param stderr what it printed on stderr
 */
record CliRun(int exit, String stdout, String stderr) {

    /** The shaded jar the build produced. */
    static Path jar() {
        return Path.of(System.getProperty("ipaasops.jar", "target/ipaas-ops-functions.jar"));
    }

    /** Runs {@code java [jvmArgs] -jar ipaas-ops-functions.jar args...} with only {@code env} set, feeding stdin. */
    static CliRun run(Map<String, String> env, List<String> jvmArgs, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = java.nio.file.Files.createTempFile("cli", ".out");
        Path err = java.nio.file.Files.createTempFile("cli", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().write(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the CLI did not finish within 60 s: " + command);
        }
        CliRun run = new CliRun(process.exitValue(), java.nio.file.Files.readString(out),
                java.nio.file.Files.readString(err));
        java.nio.file.Files.deleteIfExists(out);
        java.nio.file.Files.deleteIfExists(err);
        return run;
    }
}
