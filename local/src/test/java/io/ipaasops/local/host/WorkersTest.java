package io.ipaasops.local.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The host's threads: they grow to the cap before anything waits, and only a full house is refused. */
class WorkersTest {

    @Test
    void aBurstLargerThanTheQueueIsTakenByIdleAndNewWorkersNotRefused() throws Exception {
        try (Workers workers = new Workers(new HostLimits(32, 4, 1))) {
            // GIVEN a pool that has grown to its cap once and now sits idle
            CountDownLatch warm = new CountDownLatch(32);
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 32; i++) {
                workers.execute(() -> {
                    warm.countDown();
                    await(release);
                });
            }
            assertTrue(warm.await(10, TimeUnit.SECONDS));
            release.countDown();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (workers.inFlight() > 0 && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            assertEquals(0, workers.inFlight(), "the warm pool went idle");

            // WHEN a burst of 20 requests arrives at once, more than the queue holds
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch ran = new CountDownLatch(20);
            CountDownLatch hold = new CountDownLatch(1);
            for (int i = 0; i < 20; i++) {
                workers.execute(() -> {
                    if (Workers.overloaded()) {
                        refused.incrementAndGet();
                    }
                    ran.countDown();
                    await(hold);
                });
            }

            // THEN every one of them got a worker
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertEquals(0, refused.get());
            hold.countDown();
        }
    }

    @Test
    void beyondTheCapAndTheQueueRequestsAreMarkedOverloaded() throws Exception {
        try (Workers workers = new Workers(new HostLimits(2, 1, 1))) {
            CountDownLatch hold = new CountDownLatch(1);
            CountDownLatch overloaded = new CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                workers.execute(() -> {
                    if (Workers.overloaded()) {
                        overloaded.countDown();
                    } else {
                        await(hold);
                    }
                });
            }

            assertTrue(overloaded.await(10, TimeUnit.SECONDS), "the fourth request is answered as overloaded");
            hold.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
