package io.ipaasops.bench.libraries;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.ipaasops.core.Tally;
import io.ipaasops.core.Trace;
import io.ipaasops.functions.prismatic.GetInstanceFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * For the benchmarks only (compiled with {@code -Pbench}, docs/decisions/0029): get-instance with our own metrics
 * record switched off ({@code IPAAS_METRICS_ENABLED=false}) and the same record written by a library instead,
 * {@code BENCH_METRICS_LIBRARY=aws-embedded-metrics} or {@code powertools-metrics}, so that a cold start shows what
 * the library costs on the deployed shape.
 */
public final class LibraryMetricsHandler implements RequestStreamHandler {

    private final GetInstanceFunction function = new GetInstanceFunction();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        function.handleRequest(input, output, context);
        double millis = (System.nanoTime() - t0) / 1e6;
        if ("powertools-metrics".equals(System.getenv("BENCH_METRICS_LIBRARY"))) {
            powertools(context, started, millis);
        } else {
            embeddedMetrics(context, started, millis);
        }
    }

    private static void embeddedMetrics(Context context, Instant started, double millis) {
        MetricsLogger metrics = new MetricsLogger();
        metrics.setNamespace("ipaas-ops");
        metrics.setTimestamp(started);
        metrics.setDimensions(software.amazon.cloudwatchlogs.emf.model.DimensionSet.of("Platform", "prismatic",
                "Action", "get-instance"), software.amazon.cloudwatchlogs.emf.model.DimensionSet.of("Platform",
                "prismatic"));
        software.amazon.cloudwatchlogs.emf.model.Unit count = software.amazon.cloudwatchlogs.emf.model.Unit.COUNT;
        metrics.putMetric("Invocations", 1, count);
        metrics.putMetric("Errors", 0, count);
        metrics.putMetric("Duration", millis, software.amazon.cloudwatchlogs.emf.model.Unit.MILLISECONDS);
        metrics.putMetric("UpstreamTime", Tally.upstreamNanos() / 1e6,
                software.amazon.cloudwatchlogs.emf.model.Unit.MILLISECONDS);
        metrics.putMetric("UpstreamCalls", Tally.upstreamCalls(), count);
        metrics.putMetric("Retries", Tally.get(Tally.Count.RETRIES), count);
        metrics.putMetric("TokenExchanges", Tally.get(Tally.Count.TOKEN_EXCHANGES), count);
        metrics.putMetric("SecretReads", Tally.get(Tally.Count.SECRET_READS), count);
        metrics.putMetric("ColdStart", 1, count);
        metrics.putMetric("Throttled", 0, count);
        metrics.putProperty("requestId", context.getAwsRequestId());
        metrics.putProperty("trigger", "direct");
        metrics.putProperty("outcome", "ok");
        metrics.putProperty("traceId", Trace.id(Trace.header()));
        metrics.flush();
    }

    private static void powertools(Context context, Instant started, double millis) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace("ipaas-ops");
        metrics.setTimestamp(started);
        metrics.setDefaultDimensions(software.amazon.lambda.powertools.metrics.model.DimensionSet.of("Platform",
                "prismatic", "Action", "get-instance"));
        metrics.addDimension(software.amazon.lambda.powertools.metrics.model.DimensionSet.of("Platform",
                "prismatic"));
        metrics.addMetric("Invocations", 1, MetricUnit.COUNT);
        metrics.addMetric("Errors", 0, MetricUnit.COUNT);
        metrics.addMetric("Duration", millis, MetricUnit.MILLISECONDS);
        metrics.addMetric("UpstreamTime", Tally.upstreamNanos() / 1e6, MetricUnit.MILLISECONDS);
        metrics.addMetric("UpstreamCalls", Tally.upstreamCalls(), MetricUnit.COUNT);
        metrics.addMetric("Retries", Tally.get(Tally.Count.RETRIES), MetricUnit.COUNT);
        metrics.addMetric("TokenExchanges", Tally.get(Tally.Count.TOKEN_EXCHANGES), MetricUnit.COUNT);
        metrics.addMetric("SecretReads", Tally.get(Tally.Count.SECRET_READS), MetricUnit.COUNT);
        metrics.addMetric("ColdStart", 1, MetricUnit.COUNT);
        metrics.addMetric("Throttled", 0, MetricUnit.COUNT);
        metrics.addMetadata("requestId", context.getAwsRequestId());
        metrics.addMetadata("trigger", "direct");
        metrics.addMetadata("outcome", "ok");
        metrics.addMetadata("traceId", Trace.id(Trace.header()));
        metrics.flush();
    }
}
