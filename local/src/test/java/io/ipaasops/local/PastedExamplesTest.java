package io.ipaasops.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipaasops.functions.Actions;
import io.ipaasops.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer pastes into one sandbox: the README's three calls, then every example {@code GET /} lists, in the
 * order listed, each once; and all of it a second time, as someone who pastes twice would. Examples of a platform
 * the sandbox does not stand in for (GitHub: they read GitHub itself) are left out: this test runs offline.
 */
class PastedExamplesTest {

    /** The route and the {@code -d '...'} body of one curl line, as the README and the index print them. */
    private static final Pattern CURL = Pattern.compile("curl -s -X POST localhost:\\d+(/\\S+) .*-d '(.*)'$");

    /** One request as pasted. */
    private record Call(String path, String body) {

        static Call of(String curl) {
            Matcher m = CURL.matcher(curl.strip());
            if (!m.matches()) {
                throw new AssertionError("not a curl line this test understands: " + curl);
            }
            return new Call(m.group(1), m.group(2));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReadmeCallsThenEveryIndexExampleInOrderAllSucceedAndSoDoesPastingThemAgain() throws Exception {
        List<Call> readme = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("curl -s -X POST localhost:8080/")).limit(3).map(Call::of).toList();
        assertEquals(3, readme.size(), "the README shows three curl lines");

        try (HostClient host = new HostClient(Sandbox.Faults.NONE)) {
            List<Map<String, Object>> index = (List<Map<String, Object>>) host.get("/").json().get("actions");
            assertEquals(Actions.all().size(), index.size());
            List<Call> examples = index.stream().filter(a -> Sandbox.PLATFORMS.contains(Actions.named(
                    String.valueOf(a.get("action"))).orElseThrow().platform()))
                    .map(a -> Call.of(String.valueOf(a.get("example")))).toList();

            List<String> failures = new ArrayList<>();
            for (int round = 1; round <= 2; round++) {
                for (Call call : concat(readme, examples)) {
                    HostClient.Answer answer = host.post(call.path(), call.body());
                    if (answer.status() != 200) {
                        failures.add("round " + round + ": " + call.path() + " " + call.body() + " answered "
                                + answer.status() + ": " + answer.body());
                    }
                }
            }

            assertEquals(List.of(), failures, "every pasted call answers 200");
        }
    }

    private static List<Call> concat(List<Call> first, List<Call> then) {
        List<Call> all = new ArrayList<>(first);
        all.addAll(then);
        return all;
    }
}
