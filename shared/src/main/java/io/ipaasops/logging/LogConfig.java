package io.ipaasops.logging;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.event.Level;

/**
 * How much is logged and in which format, read once at start-up.
 *
 * <p>Levels use slf4j-simple's keys, which this binding replaced, so existing files and flags keep working:
 * {@code org.slf4j.simpleLogger.defaultLogLevel} and {@code org.slf4j.simpleLogger.log.<logger or package>}, as
 * system properties or in {@code simplelogger.properties} on the class path. On Lambda, the function's
 * application log level ({@code AWS_LAMBDA_LOG_LEVEL}, set with the JSON log format) wins over the file, so that
 * raising it to DEBUG in the console has an effect. The format is {@link LogFormat#JSON} where the Lambda runtime
 * API is ({@code AWS_LAMBDA_RUNTIME_API}), else {@link LogFormat#TEXT}; {@code -Dipaas.log.format} overrides it.</p>
 */
final class LogConfig {

    static final String PREFIX = "org.slf4j.simpleLogger.";
    /** Stands for "off": above every level. */
    static final int OFF = Integer.MAX_VALUE;

    private final Properties file;
    private final int defaultLevel;
    private final LogFormat format;
    private final Map<String, Integer> levels = new ConcurrentHashMap<>();

    LogConfig(Properties file, int defaultLevel, LogFormat format) {
        this.file = file;
        this.defaultLevel = defaultLevel;
        this.format = format;
    }

    /** The configuration of this process: system properties, the environment, {@code simplelogger.properties}. */
    static LogConfig load() {
        Properties file = new Properties();
        try (InputStream in = LogConfig.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
            if (in != null) {
                file.load(in);
            }
        } catch (IOException e) {
            // An unreadable file means no file: the defaults below apply.
        }
        String level = first(System.getProperty(PREFIX + "defaultLogLevel"), System.getenv("AWS_LAMBDA_LOG_LEVEL"),
                file.getProperty(PREFIX + "defaultLogLevel"));
        String format = first(System.getProperty("ipaas.log.format"),
                System.getenv("AWS_LAMBDA_RUNTIME_API") != null ? "json" : "text");
        return new LogConfig(file, parse(level, Level.INFO.toInt()),
                "json".equalsIgnoreCase(format) ? LogFormat.JSON : LogFormat.TEXT);
    }

    /** The format lines are written in. */
    LogFormat format() {
        return format;
    }

    /**
     * The lowest level {@code logger} writes ({@link Level#toInt()}), or {@link #OFF}: the most specific
     * {@code log.<name>} setting among the logger's name and its parent packages, else the default.
     */
    int threshold(String logger) {
        return levels.computeIfAbsent(logger, name -> {
            for (String n = name; !n.isEmpty(); n = n.contains(".") ? n.substring(0, n.lastIndexOf('.')) : "") {
                String value = first(System.getProperty(PREFIX + "log." + n), file.getProperty(PREFIX + "log." + n));
                if (value != null) {
                    return parse(value, defaultLevel);
                }
            }
            return defaultLevel;
        });
    }

    private static int parse(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE.toInt();
            case "debug" -> Level.DEBUG.toInt();
            case "info" -> Level.INFO.toInt();
            case "warn", "warning" -> Level.WARN.toInt();
            case "error", "fatal" -> Level.ERROR.toInt();
            case "off" -> OFF;
            default -> fallback;
        };
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
