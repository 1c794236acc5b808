package io.ipaasops.logging;

import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * One named logger: checks its level, formats the message and hands the line to the {@link LineWriter}. Takes the
 * fluent API's events whole ({@link LoggingEventAware}) so that their key-value pairs become fields of the line.
 */
final class LineLogger extends LegacyAbstractLogger implements LoggingEventAware {

    private static final long serialVersionUID = 1L;

    private final transient int threshold;
    private final transient LineWriter writer;

    LineLogger(String name, int threshold, LineWriter writer) {
        this.name = name;
        this.threshold = threshold;
        this.writer = writer;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        writer.write(level, name, MessageFormatter.basicArrayFormat(messagePattern, arguments), List.of(), throwable);
    }

    @Override
    public void log(LoggingEvent event) {
        if (!enabled(event.getLevel())) {
            return;
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        writer.write(event.getLevel(), name, MessageFormatter.basicArrayFormat(event.getMessage(),
                event.getArgumentArray()), pairs, event.getThrowable());
    }
}
