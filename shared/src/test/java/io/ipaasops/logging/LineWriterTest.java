package io.ipaasops.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.common.Json;
import io.ipaasops.core.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/** What one log line looks like: a JSON object with the correlation fields on Lambda, slf4j-simple's text elsewhere. */
class LineWriterTest {

    private static final String SECRET = "line-writer-secret-0123456789";

    private static String written(LogFormat format, ThreadMdc mdc, Level level, String message,
                                  List<KeyValuePair> pairs, Throwable error) {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            new LineWriter(format, mdc).write(level, "io.ipaasops.core.HttpTransport", message, pairs, error);
        } finally {
            System.setErr(before);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aJsonLineHasTheStandardFieldsTheInvocationsCorrelationAndTheEventsOwnPairs() {
        // GIVEN an invocation's correlation fields in the MDC
        ThreadMdc mdc = new ThreadMdc();
        mdc.put("requestId", "req-1");
        mdc.put("action", "deploy-instance");
        mdc.put("deliveryKey", "key-\"1\"");

        // WHEN a line with key-value pairs is written
        String line = written(LogFormat.JSON, mdc, Level.INFO, "invocation",
                List.of(new KeyValuePair("outcome", "ok"), new KeyValuePair("durationMs", 12.5)), null);

        // THEN it is one JSON object on one line with all of them, numbers as numbers
        assertTrue(line.endsWith("}\n") && line.indexOf('\n') == line.length() - 1, line);
        Map<String, Object> fields = Json.read(line, Map.class);
        assertEquals("INFO", fields.get("level"));
        assertEquals("io.ipaasops.core.HttpTransport", fields.get("logger"));
        assertEquals("invocation", fields.get("message"));
        assertTrue(((String) fields.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                "RFC 3339, which Lambda's log filtering reads: " + fields.get("timestamp"));
        assertEquals("req-1", fields.get("requestId"));
        assertEquals("deploy-instance", fields.get("action"));
        assertEquals("key-\"1\"", fields.get("deliveryKey"));
        assertEquals("ok", fields.get("outcome"));
        assertEquals(12.5, ((Number) fields.get("durationMs")).doubleValue());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExceptionStaysOnTheJsonLineAndNoLineCarriesASecret() {
        Redactor.register(SECRET);
        ThreadMdc mdc = new ThreadMdc();
        mdc.put("deliveryKey", SECRET);

        String json = written(LogFormat.JSON, mdc, Level.ERROR, "failed for " + SECRET, List.of(),
                new IllegalStateException("boom " + SECRET));
        String text = written(LogFormat.TEXT, mdc, Level.ERROR, "failed for " + SECRET, List.of(),
                new IllegalStateException("boom " + SECRET));

        assertEquals(1, json.lines().count(), json);
        assertTrue(((String) Json.read(json, Map.class).get("exception")).contains("IllegalStateException: boom ***"));
        assertFalse(json.contains(SECRET) || text.contains(SECRET), json + text);
    }

    @Test
    void aTextLineKeepsSlf4jSimplesLayoutAndNamesOnlyWhatTellsInvocationsApart() {
        ThreadMdc mdc = new ThreadMdc();
        mdc.put("requestId", "req-1");
        mdc.put("platform", "prismatic");
        mdc.put("action", "deploy-instance");
        mdc.put("trigger", "http-api");
        mdc.put("deliveryKey", "d-1");

        String line = written(LogFormat.TEXT, mdc, Level.WARN, "Prismatic: retrying",
                List.of(new KeyValuePair("attempt", 2)), null);
        String outside = written(LogFormat.TEXT, new ThreadMdc(), Level.INFO, "started", List.of(), null);

        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z WARN "
                + "io\\.ipaasops\\.core\\.HttpTransport - Prismatic: retrying action=deploy-instance trigger=http-api "
                + "deliveryKey=d-1 attempt=2\n"), line);
        assertTrue(outside.endsWith(" - started\n"), outside);
    }

    @Test
    void levelsComeFromTheMostSpecificSettingOfALoggerOrItsPackages() {
        Properties file = new Properties();
        file.setProperty(LogConfig.PREFIX + "log.io.ipaasops", "debug");
        file.setProperty(LogConfig.PREFIX + "log.io.ipaasops.core.HttpTransport", "off");
        LogConfig config = new LogConfig(file, Level.WARN.toInt(), LogFormat.TEXT);

        assertEquals(Level.DEBUG.toInt(), config.threshold("io.ipaasops.triggers.EventAdapter"));
        assertEquals(LogConfig.OFF, config.threshold("io.ipaasops.core.HttpTransport"));
        assertEquals(Level.WARN.toInt(), config.threshold("io.micronaut.context.DefaultBeanContext"));
    }
}
