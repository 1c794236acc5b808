package io.ipaasops.logging;

import io.ipaasops.core.Redactor;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;

/**
 * Writes each log line to stderr, whole, in the configured {@link LogFormat}, with every secret the process knows
 * masked ({@link Redactor}) as a last line of defence. Stdout stays for the command line's output and, on Lambda,
 * for the metrics records.
 */
final class LineWriter {

    private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX")
            .withZone(ZoneOffset.UTC);

    /** What a person reading text lines needs to tell invocations apart; JSON lines carry the whole MDC. */
    private static final List<String> TEXT_CORRELATION = List.of("action", "trigger", "deliveryKey", "execution");

    private final LogFormat format;
    private final ThreadMdc mdc;

    LineWriter(LogFormat format, ThreadMdc mdc) {
        this.format = format;
        this.mdc = mdc;
    }

    void write(Level level, String logger, String message, List<KeyValuePair> pairs, Throwable error) {
        String line = format == LogFormat.JSON ? json(level, logger, message, pairs, error)
                : text(level, logger, message, pairs, error);
        // System.err is looked up each time: a test or the runtime client may have replaced it.
        PrintStream err = System.err;
        err.print(Redactor.scrub(line));
        err.flush();
    }

    private String json(Level level, String logger, String message, List<KeyValuePair> pairs, Throwable error) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("timestamp", Instant.now().toString());
        fields.put("level", level.name());
        fields.put("logger", logger);
        fields.put("message", message);
        fields.putAll(mdc.current());
        for (KeyValuePair pair : pairs) {
            fields.put(pair.key, pair.value);
        }
        if (error != null) {
            fields.put("exception", stackTrace(error));
        }
        return JsonText.write(fields) + "\n";
    }

    private String text(Level level, String logger, String message, List<KeyValuePair> pairs, Throwable error) {
        StringBuilder line = new StringBuilder(128).append(TEXT_TIME.format(Instant.now())).append(' ')
                .append(level.name()).append(' ').append(logger).append(" - ").append(message);
        Map<String, String> correlation = mdc.current();
        for (String key : TEXT_CORRELATION) {
            String value = correlation.get(key);
            if (value != null) {
                line.append(' ').append(key).append('=').append(value);
            }
        }
        for (KeyValuePair pair : pairs) {
            line.append(' ').append(pair.key).append('=').append(pair.value);
        }
        line.append('\n');
        if (error != null) {
            line.append(stackTrace(error));
        }
        return line.toString();
    }

    private static String stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
