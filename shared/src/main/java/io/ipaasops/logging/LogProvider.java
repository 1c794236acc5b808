package io.ipaasops.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J binding of every ipaas-ops process (docs/decisions/0029): JSON lines with the invocation's correlation
 * fields on Lambda, slf4j-simple's text layout elsewhere, always on stderr. A few small classes instead of a logging
 * framework, because a cold start loads whatever the binding loads.
 */
public final class LogProvider implements SLF4JServiceProvider {

    private ILoggerFactory loggers;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        LogConfig config = LogConfig.load();
        ThreadMdc threadMdc = new ThreadMdc();
        LineWriter writer = new LineWriter(config.format(), threadMdc);
        Map<String, Logger> byName = new ConcurrentHashMap<>();
        this.mdc = threadMdc;
        this.markers = new BasicMarkerFactory();
        this.loggers = name -> byName.computeIfAbsent(name, n -> new LineLogger(n, config.threshold(n), writer));
    }
}
