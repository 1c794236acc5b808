package io.ipaasops.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.testing.FreePort;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's main command and its three curl lines, run as a newcomer would: from the shaded jar, in a shell. */
class ReadmeIT {

    @Test
    @SuppressWarnings("unchecked")
    void theReadmeQuickstartWorksAgainstTheSandbox() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        List<String> curls = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("curl -s -X POST localhost:8080/")).limit(3).toList();
        assertEquals(3, curls.size(), "the README shows three curl lines");
        assertTrue(Files.readString(Path.of("..", "README.md"))
                .contains("java -jar functions/target/ipaas-ops-functions.jar serve"));
        int port = FreePort.find();

        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", CliRun.jar().toString(), "serve", "--port", Integer.toString(port))
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            List<String> banner = new ArrayList<>();
            for (String line = out.readLine(); line != null && !line.contains("lists the"); line = out.readLine()) {
                banner.add(line);
            }
            assertTrue(banner.stream().anyMatch(l -> l.contains("Prismatic: the built-in sandbox")), banner::toString);
            assertTrue(banner.stream().anyMatch(l -> l.contains("signature checking is OFF")), banner::toString);

            List<Map<String, Object>> answers = new ArrayList<>();
            for (String curl : curls) {
                Process p = new ProcessBuilder("bash", "-c", curl.replace("localhost:8080", "localhost:" + port))
                        .redirectErrorStream(true).start();
                String body = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                answers.add(Json.read(body, Map.class));
            }

            List<Map<String, Object>> needing = (List<Map<String, Object>>) answers.get(0).get("nodes");
            assertTrue(needing.stream().anyMatch(i -> "Globex - Salesforce Sync".equals(i.get("name"))));
            assertEquals(false, answers.get(1).get("needsDeploy"), answers.get(1)::toString);
            assertEquals(2, answers.get(2).get("versionNumber"), answers.get(2)::toString);
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
