package io.ipaasops.local;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real Prism CLI, {@code @prismatic-io/prism} as pinned by {@code src/test/node/package-lock.json}, installed once
 * with {@code npm ci} into {@code target/node} and run as a user runs it: {@code PRISMATIC_URL} and
 * {@code PRISM_ACCESS_TOKEN} in the environment, and a throwaway {@code HOME}.
 */
final class PrismCli {

    /** The Prism version the lock file pins; a test checks the installed one is it. */
    static final String VERSION = "10.4.0";

    /** What one command did. */
    record Run(int exit, String out, String err) {

        /** The output, for an assertion's message. */
        String all() {
            return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    private final Path home;
    private final Path cli;
    private final String url;
    private final String token;

    private PrismCli(Path home, Path cli, String url, String token) {
        this.home = home;
        this.cli = cli;
        this.url = url;
        this.token = token;
    }

    /**
     * Prism against {@code url} with {@code token}, installed first if it is not yet; skips the calling test, loudly,
     * where Node is not installed.
     */
    static PrismCli against(String url, String token) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("ipaasops.node.dir", "target/node"));
        Path cli = install(dir);
        Path home = dir.resolve("home");
        Files.createDirectories(home);
        return new PrismCli(home, cli, url, token);
    }

    /** The same CLI against another sandbox. */
    PrismCli at(String otherUrl, String otherToken) {
        return new PrismCli(home, cli, otherUrl, otherToken);
    }

    /** Runs {@code prism args...} and waits for it (at most a minute). */
    Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", cli.toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin"),
                "HOME", home.toString(), "PRISMATIC_URL", url, "PRISM_ACCESS_TOKEN", token,
                // No update check against the registry, no colours in what the assertions read.
                "PRISM_SKIP_NEW_VERSION_CHECK", "true", "NO_COLOR", "1", "FORCE_COLOR", "0"));
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String out = read(process.getInputStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("prism " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Run(process.exitValue(), out.strip(), err.join().strip());
    }

    /** Runs a command that must succeed and returns its standard output. */
    String ok(String... args) throws IOException, InterruptedException {
        Run run = run(args);
        assertTrue(run.exit() == 0, () -> "prism " + String.join(" ", args) + " failed:\n" + run.all());
        return run.out();
    }

    private static Path install(Path dir) throws IOException, InterruptedException {
        if (!available("node", "--version") || !available("npm", "--version")) {
            System.err.println("WARNING: PrismCliIT SKIPPED: Node.js and npm are not installed here; the Prism CLI"
                    + " tests need them (CI has Node 20).");
            assumeTrue(false, "Node.js and npm are not installed: the Prism CLI tests are skipped");
        }
        Path cli = dir.resolve("node_modules/@prismatic-io/prism/lib/run.js");
        Path lock = Path.of(System.getProperty("ipaasops.prism.dir", "src/test/node"), "package-lock.json");
        Path installed = dir.resolve("installed-package-lock.json");
        // One install per change of the lock file; every later run reuses target/node.
        if (Files.exists(cli) && Files.exists(installed)
                && Arrays.equals(Files.readAllBytes(lock), Files.readAllBytes(installed))) {
            return cli;
        }
        Files.createDirectories(dir);
        Files.copy(lock.resolveSibling("package.json"), dir.resolve("package.json"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(lock, dir.resolve("package-lock.json"), StandardCopyOption.REPLACE_EXISTING);
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String output = read(npm.getInputStream());
        assertTrue(npm.waitFor(5, TimeUnit.MINUTES) && npm.exitValue() == 0, () -> "npm ci failed: " + output);
        Files.copy(lock, installed, StandardCopyOption.REPLACE_EXISTING);
        return cli;
    }

    private static boolean available(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            read(process.getInputStream());
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
