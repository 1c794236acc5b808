package io.ipaasops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipaasops.functions.Actions;
import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.testing.FreePort;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's main command and its curl lines, run as a newcomer would: from the shaded jar, in a shell. */
class ReadmeIT {

    private static final String BUILD_AND_SERVE =
            "./mvnw -B -q -DskipTests package && java -jar local/target/ipaas-ops-functions.jar serve";

    @Test
    void theMainCommandSaysWhatItIsDoingBeforeTheQuietBuild() throws Exception {
        List<String> main = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.contains("java -jar local/target/ipaas-ops-functions.jar serve")).toList();

        assertFalse(main.isEmpty(), "the README shows the main command");
        assertTrue(main.get(0).startsWith("echo '") && main.get(0).endsWith("' && " + BUILD_AND_SERVE), main.get(0));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReadmeQuickstartWorksAgainstTheSandbox() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        List<String> curls = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("curl -s -X POST localhost:8080/")).limit(3).toList();
        assertEquals(3, curls.size(), "the README shows three curl lines");
        int port = FreePort.find();

        // No credentials in the environment: the sandbox, as the README promises
        try (ServeProcess serve = ServeProcess.start(Map.of(), List.of(), "--port", Integer.toString(port))) {
            List<String> banner = serve.lines();
            assertTrue(banner.stream().anyMatch(l -> l.contains("Prismatic: the built-in sandbox")), banner::toString);
            assertTrue(banner.stream().anyMatch(l -> l.contains("signature checking is OFF")), banner::toString);

            List<Map<String, Object>> answers = new ArrayList<>();
            for (String curl : curls) {
                answers.add(Json.read(shell(curl.replace("localhost:8080", "localhost:" + port)), Map.class));
            }
            String page = shell("curl -s localhost:" + port + "/");

            List<Map<String, Object>> needing = (List<Map<String, Object>>) answers.get(0).get("nodes");
            assertTrue(needing.stream().anyMatch(i -> "Globex - Salesforce Sync".equals(i.get("name"))));
            assertEquals(false, answers.get(1).get("needsDeploy"), answers.get(1)::toString);
            assertEquals(2, answers.get(2).get("versionNumber"), answers.get(2)::toString);
            assertEquals(Actions.all().size(), page.lines().filter(l -> l.startsWith("  curl -s -X POST ")).count(),
                    "`curl -s localhost:8080/` lists every action with an example, one a line: " + page);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReadmePushDemoGoesFromASignedCurlToAReportOffline() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        var missing = io.ipaasops.local.workflows.LocalEngine.unavailable();
        if (missing.isPresent()) {
            System.err.println("WARNING: the README's push demo SKIPPED: it needs Node.js: " + missing.get());
        }
        assumeTrue(missing.isEmpty(), "Node.js is needed for the local workflow engine");
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        String serveBlock = block(readme, "export IPAAS_RELEASES=");
        String pushBlock = block(readme, "X-GitHub-Delivery: demo-1");
        List<String> watch = block(readme, "curl -s localhost:8080/workflows/executions/").lines().toList();
        int port = FreePort.find();
        String local = "localhost:" + port;

        // The README's own lines, in a shell at the repository's root; only the port differs
        String serveScript = serveBlock.replace("java -jar local/target/ipaas-ops-functions.jar serve",
                "exec java -jar local/target/ipaas-ops-functions.jar serve --port " + port);
        try (ServeProcess serve = ServeProcess.shell(serveScript, Map.of("IPAAS_ENGINE_DIR",
                Path.of("target", "engine").toAbsolutePath().toString()), Path.of(".."))) {
            Map<String, Object> accepted = Json.read(shell(pushBlock.replace("localhost:8080", local)), Map.class);
            List<Map<String, Object>> started = (List<Map<String, Object>>) accepted.get("started");

            assertEquals(watch.stream().map(l -> l.substring(l.lastIndexOf('/') + 1)).toList(),
                    started.stream().map(s -> s.get("name")).toList(), "the README watches what the push started");
            for (String curl : watch) {
                Map<String, Object> execution = untilEnded(curl.replace("localhost:8080", local));
                assertEquals("SUCCEEDED", execution.get("status"), execution::toString);
                assertEquals("SUCCEEDED", ((Map<String, Object>) execution.get("output")).get("overall"),
                        execution::toString);
            }
            Map<String, Object> again = Json.read(shell(pushBlock.replace("localhost:8080", local)), Map.class);
            assertTrue(((List<Map<String, Object>>) again.get("started")).stream()
                    .allMatch(s -> Boolean.TRUE.equals(s.get("alreadyStarted"))), again::toString);
        }
    }

    /** The README's fenced code block that contains {@code marker}, as one script. */
    private static String block(List<String> readme, String marker) {
        int at = -1;
        for (int i = 0; i < readme.size() && at < 0; i++) {
            if (readme.get(i).contains(marker)) {
                at = i;
            }
        }
        assertTrue(at >= 0, "the README has a block with " + marker);
        int start = at;
        while (!readme.get(start - 1).startsWith("```")) {
            start--;
        }
        int end = at;
        while (!readme.get(end).startsWith("```")) {
            end++;
        }
        return String.join("\n", readme.subList(start, end));
    }

    /** Runs the README's watch line until the execution is no longer RUNNING (bounded). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> untilEnded(String curl) throws Exception {
        long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        while (true) {
            Map<String, Object> execution = Json.read(shell(curl), Map.class);
            if (!"RUNNING".equals(execution.get("status")) || System.nanoTime() > giveUp) {
                return execution;
            }
            Thread.sleep(250);
        }
    }

    private static String shell(String command) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), command);
        return out;
    }
}
