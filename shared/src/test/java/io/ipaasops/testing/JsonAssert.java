package io.ipaasops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.tomakehurst.wiremock.common.Json;
import java.util.List;
import java.util.Map;

/** Asserts that JSON output contains what a user expects, ignoring fields the example does not mention. */
public final class JsonAssert {

    private JsonAssert() {
    }

    /** Parses JSON text into maps, lists and scalars. */
    public static Object parse(String json) {
        return Json.read(json, Object.class);
    }

    /** Fails unless every field of {@code expected} is in {@code actual} with the same value (lists by position). */
    public static void assertContains(String expected, String actual) {
        assertContains(parse(expected), parse(actual), "$", actual);
    }

    private static void assertContains(Object expected, Object actual, String path, String whole) {
        if (expected instanceof Map<?, ?> e) {
            if (!(actual instanceof Map<?, ?> a)) {
                fail(path + " should be an object in " + whole);
                return;
            }
            for (var entry : e.entrySet()) {
                assertTrue(a.containsKey(entry.getKey()), path + "." + entry.getKey() + " is missing in " + whole);
                assertContains(entry.getValue(), a.get(entry.getKey()), path + "." + entry.getKey(), whole);
            }
        } else if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a) || a.size() < e.size()) {
                fail(path + " should be a list of at least " + e.size() + " in " + whole);
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                assertContains(e.get(i), a.get(i), path + "[" + i + "]", whole);
            }
        } else {
            assertEquals(expected, actual, path + " in " + whole);
        }
    }
}
