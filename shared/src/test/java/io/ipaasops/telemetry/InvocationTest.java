package io.ipaasops.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.ipaasops.core.ErrorType;
import io.ipaasops.core.Platform;
import io.ipaasops.core.Tally;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The correlation fields a log line of an invocation carries, and what its summary reports. */
class InvocationTest {

    @Test
    void eachRecordOfABatchIsCorrelatedByItsOwnKeyAndTheBatchByNone() {
        // GIVEN a caller's own MDC entry, and an invocation begun on its thread
        MDC.put("caller", "kept");
        Invocation invocation = Invocation.begin(Platform.VERSORI, "update-connector",
                Invocation.Start.now("req-1", false));
        invocation.trigger("sqs");

        // WHEN two records run, the second failing
        invocation.record();
        try (Invocation.Scope first = invocation.delivery("m-1")) {
            assertEquals("m-1", MDC.get("deliveryKey"));
        }
        assertNull(MDC.get("deliveryKey"), "the key ends with its record");
        invocation.record();
        try (Invocation.Scope second = invocation.delivery("m-2")) {
            invocation.failed(ErrorType.VALIDATION);
        }
        InvocationSummary summary = invocation.summary();
        invocation.end();

        // THEN the lines carried the request, action, platform and trigger; the summary has no single key
        assertEquals(new InvocationSummary("versori", "update-connector", "sqs", "req-1", null, null, null,
                "validation", summary.startedAt(), summary.durationNanos(), 0, 0, 0, 0, 0, false, false, 2, 1, null),
                summary);
        assertEquals("kept", MDC.get("caller"), "the caller's MDC is back");
        assertNull(MDC.get("requestId"));
        MDC.clear();
    }

    @Test
    void aSingleDeliveryIsInTheSummaryAndATransientFailureAfterARateLimitIsAThrottle() {
        Invocation invocation = Invocation.begin(Platform.PRISMATIC, "deploy-instance",
                Invocation.Start.now(null, true));
        try (Invocation.Scope key = invocation.delivery("d-1")) {
            Tally.increment(Tally.Count.RATE_LIMITS);
            invocation.failed(ErrorType.TRANSIENT);
            invocation.failed(ErrorType.UPSTREAM);
        }

        InvocationSummary summary = invocation.summary();
        assertEquals("d-1", MDC.get("deliveryKey"), "the summary line carries the key again");
        invocation.end();

        assertEquals("d-1", summary.deliveryKey());
        assertEquals("transient", summary.errorType(), "the first failure is the one reported");
        assertEquals(true, summary.throttled());
        assertEquals(true, summary.coldStart());
        assertNull(MDC.get("deliveryKey"));
    }

    @Test
    void outsideAnInvocationNothingIsRecordedOrCorrelated() {
        Invocation detached = Invocation.current();

        try (Invocation.Scope key = detached.delivery("d-1")) {
            detached.failed(ErrorType.CONFLICT);
            detached.execution("release-1");
            assertNull(MDC.get("deliveryKey"));
            assertNull(MDC.get("execution"));
        }
        assertFalse(detached.bound());
    }
}
