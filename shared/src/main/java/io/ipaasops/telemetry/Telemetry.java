package io.ipaasops.telemetry;

import io.ipaasops.core.ErrorType;
import io.ipaasops.core.Platform;
import io.ipaasops.core.Redactor;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Ends each invocation with its summary log line ({@code "message":"invocation"}) and its metrics record
 * ({@link EmfRecord}).
 *
 * <p>On Lambda the record is a line of its own on stdout, where CloudWatch Logs extracts the metrics (stderr carries
 * the log lines); elsewhere it goes to the log at INFO (logger {@value #METRICS_LOGGER}), so that {@code serve} shows
 * it. {@code ipaas.metrics.enabled=false} ({@code IPAAS_METRICS_ENABLED}) writes no record.</p>
 */
@Singleton
public final class Telemetry {

    /** The logger of metrics records off Lambda. */
    static final String METRICS_LOGGER = "io.ipaasops.metrics";

    private static final Logger LOG = LoggerFactory.getLogger(Telemetry.class);
    private static final Logger METRICS = LoggerFactory.getLogger(METRICS_LOGGER);

    /** Where metrics records go. */
    enum Sink {
        /** A line on stdout: Lambda. */
        STDOUT,
        /** The log: the command line, the local host, tests. */
        LOG,
        /** Nowhere. */
        OFF
    }

    private final Sink sink;

    /** Writes records to stdout on Lambda (the runtime API is set), else to the log; none when disabled. */
    @Inject
    public Telemetry(@Property(name = "ipaas.metrics.enabled", defaultValue = "true") boolean enabled) {
        this(!enabled ? Sink.OFF : System.getenv("AWS_LAMBDA_RUNTIME_API") != null ? Sink.STDOUT : Sink.LOG);
    }

    Telemetry(Sink sink) {
        this.sink = sink;
    }

    /** Logs and records {@code invocation}, then unbinds it from the thread; returns what was reported. */
    public InvocationSummary finish(Invocation invocation) {
        try {
            InvocationSummary summary = invocation.summary();
            log(summary);
            record(summary);
            return summary;
        } finally {
            invocation.end();
        }
    }

    /**
     * Runs the correlation, summary and record paths once without writing anything: SnapStart priming, so that a
     * restored container's first invocation does not load them (and no record counts an invocation that never was).
     */
    public void prime() {
        Invocation invocation = Invocation.begin(Platform.WORKFLOW, "primer", Invocation.Start.now(null, false));
        try (Invocation.Scope key = invocation.delivery("primer")) {
            invocation.trigger("direct");
            invocation.failed(ErrorType.TRANSIENT);
        }
        InvocationSummary summary = invocation.summary();
        EmfRecord.write(summary);
        invocation.end();
        // The fluent API's builder and pairs, without logging: log() is never called.
        LOG.atError().addKeyValue("outcome", summary.outcome()).addKeyValue("durationMs", 0.5);
    }

    private static void log(InvocationSummary s) {
        LoggingEventBuilder line = (s.failed() ? LOG.atWarn() : LOG.atInfo()).addKeyValue("outcome", s.outcome());
        if (s.failed()) {
            line = line.addKeyValue("errorType", s.errorType());
        }
        line = line.addKeyValue("durationMs", EmfRecord.millis(s.durationNanos()))
                .addKeyValue("upstreamMs", EmfRecord.millis(s.upstreamNanos()))
                .addKeyValue("upstreamCalls", s.upstreamCalls());
        if (s.records() > 0) {
            line = line.addKeyValue("records", s.records()).addKeyValue("recordsFailed", s.failedRecords());
        }
        line.log("invocation");
    }

    private void record(InvocationSummary summary) {
        if (sink == Sink.OFF) {
            return;
        }
        // Nothing secret is put in a record; the scrub is the same last line of defence as for log lines.
        String line = Redactor.scrub(EmfRecord.write(summary));
        if (sink == Sink.STDOUT) {
            PrintStream out = System.out;
            out.print(line + "\n");
            out.flush();
        } else {
            METRICS.info("{}", line);
        }
    }
}
