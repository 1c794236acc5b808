package io.ipaasops.logging;

/** How a log line is written. */
public enum LogFormat {
    /**
     * One JSON object per line ({@code timestamp}, {@code level}, {@code logger}, {@code message}, the invocation's
     * correlation fields, the event's own key-value pairs, {@code exception}): on Lambda, where CloudWatch Logs
     * Insights reads the fields and Lambda's JSON log format filters on {@code level}.
     */
    JSON,
    /** slf4j-simple's layout, {@code <timestamp> <LEVEL> <logger> - <message>}: the command line and the local host. */
    TEXT
}
