package io.ipaasops.functions.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * A Lambda function running in a separate JVM under the real AWS Lambda runtime interface client (RIC):
 * {@code java -cp <ric jars>:<handler jar> com.amazonaws.services.lambda.runtime.api.client.AWSLambda <handler>}.
 *
 * <p>The child gets a clean environment (only {@code PATH} and {@code LANG} are inherited) with Lambda's usual
 * variables plus the caller's. Its working directory (the RIC's task root, {@code user.dir}) is a private work
 * directory holding {@code stdout.log} and {@code stderr.log}; the directory is kept after {@link #close()}.
 * The RIC's JNI library is unpacked into that directory, because by default every RIC process on the machine
 * shares {@code /tmp/.libaws-lambda-jni.so}.
 */
public final class LambdaProcess implements AutoCloseable {

    /** The RIC entry point. */
    public static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private static final String JNI_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private final Process process;
    private final Path workDir;
    private final List<String> command;
    private final long startedNanos;

    private LambdaProcess(Process process, Path workDir, List<String> command, long startedNanos) {
        this.process = process;
        this.workDir = workDir;
        this.command = command;
        this.startedNanos = startedNanos;
    }

    /** Starts building a process for {@code handler} (a class name, or {@code Class::method}). */
    public static Builder builder(String handler) {
        return new Builder(handler);
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    /** The full command line. */
    public List<String> command() {
        return command;
    }

    /** The working directory holding the log files. */
    public Path workDir() {
        return workDir;
    }

    /** Completes with the exit code when the process ends. */
    public CompletableFuture<Integer> exitCode() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote to stdout so far (the RIC's own log lines go there too). */
    public String stdout() {
        return read(workDir.resolve("stdout.log"));
    }

    /** Everything the process wrote to stderr so far. */
    public String stderr() {
        return read(workDir.resolve("stderr.log"));
    }

    /** Command, state, stdout and stderr, formatted for an assertion message. */
    public String describe() {
        return "command: " + String.join(" ", command)
                + "\nstate: " + (process.isAlive() ? "running" : "exited " + process.exitValue())
                + "\n--- stdout ---\n" + stdout() + "--- stderr ---\n" + stderr() + "--- end ---";
    }

    /** Stops the process (SIGTERM, then SIGKILL after 5 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builder for {@link LambdaProcess}. */
    public static final class Builder {
        private final String handler;
        private final List<Path> classpath = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private String runtimeApi;
        private Path workDir;
        private String functionName = "test-function";
        private Path javaHome = Path.of(System.getProperty("java.home"));

        private Builder(String handler) {
            this.handler = Objects.requireNonNull(handler);
        }

        /** Adds every {@code *.jar} in {@code dir}, sorted by name (e.g. {@code target/ric-libs}). */
        public Builder ricLibs(Path dir) throws IOException {
            try (Stream<Path> jars = Files.list(dir)) {
                classpath.addAll(jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList());
            }
            return this;
        }

        /** Appends classpath entries (the handler jar, or extra jars). */
        public Builder classpath(Path... entries) {
            classpath.addAll(List.of(entries));
            return this;
        }

        /**
         * Unpacks a deployment package into {@code taskRoot} and puts that directory on the class path, as Lambda
         * does with {@code /var/task}: classes then load from files, not from a compressed jar.
         */
        public Builder deploymentPackage(Path jar, Path taskRoot) throws IOException {
            Path marker = taskRoot.resolve(".unpacked");
            boolean stale = !Files.exists(marker)
                    || Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(jar)) < 0;
            if (stale) {
                delete(taskRoot);
                unzip(jar, taskRoot);
                Files.writeString(marker, jar.toString());
            }
            classpath.add(taskRoot);
            return this;
        }

        private static void unzip(Path jar, Path taskRoot) throws IOException {
            Path root = Files.createDirectories(taskRoot).toAbsolutePath().normalize();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (var entry : Collections.list(zip.entries())) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IOException("entry outside the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }

        private static void delete(Path dir) throws IOException {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }

        /** The value for {@code AWS_LAMBDA_RUNTIME_API}, e.g. {@link RuntimeApiStub#address()}. Required. */
        public Builder runtimeApi(String hostAndPort) {
            this.runtimeApi = hostAndPort;
            return this;
        }

        /** Sets {@code AWS_LAMBDA_FUNCTION_NAME} (default {@code test-function}). */
        public Builder functionName(String name) {
            this.functionName = name;
            return this;
        }

        /** Adds or overrides one environment variable. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** The JDK or JRE to run (default: the one running this code). */
        public Builder javaHome(Path home) {
            this.javaHome = Objects.requireNonNull(home);
            return this;
        }

        /** Adds JVM options (e.g. {@code -XX:TieredStopAtLevel=1}). */
        public Builder jvmArgs(String... args) {
            jvmArgs.addAll(List.of(args));
            return this;
        }

        /** The working directory (created if absent); default: a new temporary directory. */
        public Builder workDir(Path dir) {
            this.workDir = dir;
            return this;
        }

        /** Starts the process. */
        public LambdaProcess start() throws IOException {
            Objects.requireNonNull(runtimeApi, "runtimeApi");
            Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("lambda-");
            dir = dir.toAbsolutePath();

            List<String> cmd = new ArrayList<>();
            cmd.add(javaHome.resolve("bin").resolve("java").toString());
            cmd.addAll(jvmArgs);
            unpackJni(dir).ifPresent(lib -> cmd.add("-D" + JNI_PROPERTY + "=" + lib));
            cmd.add("-cp");
            cmd.add(classpath.stream().map(p -> p.toAbsolutePath().toString())
                    .collect(Collectors.joining(File.pathSeparator)));
            cmd.add(RIC_MAIN);
            cmd.add(handler);

            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(dir.resolve("stdout.log").toFile())
                    .redirectError(dir.resolve("stderr.log").toFile());
            Map<String, String> e = pb.environment();
            e.keySet().retainAll(List.of("PATH", "LANG"));
            e.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);          // the only variable the RIC requires
            e.put("_HANDLER", handler);                            // the rest: what Lambda sets, all optional
            e.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
            e.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            e.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
            e.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
            e.put("AWS_LAMBDA_LOG_STREAM_NAME", "2025/01/01/[$LATEST]test");
            e.put("AWS_REGION", "eu-west-1");
            e.put("AWS_DEFAULT_REGION", "eu-west-1");
            e.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
            e.put("LAMBDA_TASK_ROOT", dir.toString());
            e.put("TZ", "UTC");
            e.putAll(env);

            long started = System.nanoTime();
            return new LambdaProcess(pb.start(), dir, List.copyOf(cmd), started);
        }

        /** Copies the RIC's glibc JNI library for this CPU into {@code dir}, if the RIC jar is on the classpath. */
        private Optional<Path> unpackJni(Path dir) throws IOException {
            String arch = System.getProperty("os.arch");
            String name = arch.equals("aarch64") ? "linux-aarch_64" : arch.matches("amd64|x86_64") ? "linux-x86_64" : null;
            var ric = classpath.stream()
                    .filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                    .findFirst();
            if (name == null || ric.isEmpty()) {
                return Optional.empty();
            }
            try (ZipFile zip = new ZipFile(ric.get().toFile())) {
                var entry = zip.getEntry("jni/libaws-lambda-jni." + name + ".so");
                if (entry == null) {
                    return Optional.empty();
                }
                Path target = dir.resolve("libaws-lambda-jni.so");
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return Optional.of(target);
            }
        }
    }
}
