package io.ipaasops.core;

import io.micronaut.core.annotation.Nullable;

/**
 * The AWS X-Ray trace header of the current Lambda invocation, passed on to the platforms that take it
 * ({@link Platform#carriesTrace()}) as {@value #HEADER}.
 *
 * <p>The Java runtime client cannot change environment variables per invocation, so it sets the system property
 * {@value #PROPERTY} before each invocation and clears it when the invocation has none; {@code _X_AMZN_TRACE_ID}
 * is read only when the property is absent. Off Lambda both are absent and nothing is sent.</p>
 */
public final class Trace {

    /** The HTTP header X-Ray reads and load balancers continue. */
    public static final String HEADER = "X-Amzn-Trace-Id";
    /** Where the runtime client puts the invocation's trace header. */
    static final String PROPERTY = "com.amazonaws.xray.traceHeader";

    private Trace() {
    }

    /** The invocation's trace header ({@code Root=1-…;Parent=…;Sampled=…}), or null when there is none. */
    public static @Nullable String header() {
        String header = System.getProperty(PROPERTY);
        if (header == null || header.isBlank()) {
            header = System.getenv("_X_AMZN_TRACE_ID");
        }
        return header == null || header.isBlank() ? null : header;
    }

    /** The trace id alone (the header's {@code Root}, as X-Ray shows it), or null when there is none. */
    public static @Nullable String id(@Nullable String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String field = part.trim();
            if (field.startsWith("Root=") && field.length() > 5) {
                return field.substring(5);
            }
        }
        return null;
    }
}
