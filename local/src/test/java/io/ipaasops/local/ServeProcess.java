package io.ipaasops.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code java -jar ipaas-ops-functions.jar serve ...} as its own process, as a user starts it, and what it prints. */
final class ServeProcess implements AutoCloseable {

    /** How long the host may take to start, or a line to appear, before the test fails rather than waits on. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Process process;
    private final List<String> lines = new ArrayList<>();

    private ServeProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "serve-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code serve args...} with only {@code env} set (and PATH) and waits for its banner.
     *
     * @param jvmArgs options for the JVM, before {@code -jar}
     */
    static ServeProcess start(Map<String, String> env, List<String> jvmArgs, String... args) throws IOException {
        return start(env, jvmArgs, "serve", "lists the", args);
    }

    /** Starts another long-running command ({@code sandbox}) and waits for its last banner line, "Ctrl-C stops". */
    static ServeProcess startCommand(Map<String, String> env, String name, String... args) throws IOException {
        return start(env, List.of(), name, "Ctrl-C stops", args);
    }

    /**
     * Runs {@code script} in bash in {@code directory}, as a user pastes it, with this environment plus {@code env},
     * and waits for serve's banner; the script's last command should {@code exec} the host, so that closing this
     * stops it.
     */
    static ServeProcess shell(String script, Map<String, String> env, Path directory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                .directory(directory.toFile());
        builder.environment().putAll(env);
        ServeProcess serve = new ServeProcess(builder.start());
        serve.await(l -> l.contains("lists the"));
        return serve;
    }

    private static ServeProcess start(Map<String, String> env, List<String> jvmArgs, String name, String ready,
                                      String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", CliRun.jar().toString(), name));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"));
        builder.environment().putAll(env);
        ServeProcess serve = new ServeProcess(builder.start());
        serve.await(l -> l.contains(ready));
        return serve;
    }

    /** Waits for a printed line that {@code wanted} accepts and returns it, failing after {@link #PATIENCE}. */
    String await(Predicate<String> wanted) {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (wanted.test(line)) {
                        return line;
                    }
                }
                long left = giveUp - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && lines.isEmpty())) {
                    throw new AssertionError("no such line within " + PATIENCE + "; the host printed: " + lines);
                }
                try {
                    lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Everything printed so far, stdout and stderr together. */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
