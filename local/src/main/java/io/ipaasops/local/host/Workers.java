package io.ipaasops.local.host;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The host's threads: an idle worker takes a request at once, else a new one starts, up to
 * {@link HostLimits#workers()}; then up to {@link HostLimits#queue()} requests wait, and beyond that a small
 * overflow pool answers 503 (requests past even that are dropped by the JDK server, which closes them).
 */
final class Workers implements Executor, AutoCloseable {

    private static final int OVERFLOW_THREADS = 2;
    private static final int OVERFLOW_QUEUE = 8;
    private static final long IDLE_SECONDS = 30;
    private static final ThreadLocal<Boolean> OVERFLOW = ThreadLocal.withInitial(() -> false);

    /**
     * A plain {@link ThreadPoolExecutor} queues before it grows, and with a bounded queue it refuses a burst while
     * threads sit idle. This queue accepts a request only when an idle worker is there to take it, so the pool
     * grows instead; at its cap the rejection handler queues it for real, up to the limit.
     */
    private static final class HandOff extends LinkedTransferQueue<Runnable> {

        private final int capacity;

        HandOff(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        boolean enqueue(Runnable task) {
            return size() < capacity && super.offer(task);
        }
    }

    private final HandOff queue;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor overflow;

    Workers(HostLimits limits) {
        overflow = new ThreadPoolExecutor(OVERFLOW_THREADS, OVERFLOW_THREADS, IDLE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(OVERFLOW_QUEUE), daemons("host-busy"), new ThreadPoolExecutor.AbortPolicy());
        overflow.allowCoreThreadTimeOut(true);
        queue = new HandOff(limits.queue());
        workers = new ThreadPoolExecutor(0, limits.workers(), IDLE_SECONDS, TimeUnit.SECONDS, queue,
                daemons("host"), (task, pool) -> {
                    if (pool.isShutdown() || !queue.enqueue(task)) {
                        overflow.execute(() -> {
                            OVERFLOW.set(true);
                            try {
                                task.run();
                            } finally {
                                OVERFLOW.remove();
                            }
                        });
                    }
                });
    }

    /** Whether the calling thread is answering a request that no worker had room for. */
    static boolean overloaded() {
        return OVERFLOW.get();
    }

    /** Requests being handled or waiting for a worker. */
    int inFlight() {
        return workers.getActiveCount() + queue.size();
    }

    @Override
    public void execute(Runnable exchange) {
        workers.execute(exchange);
    }

    @Override
    public void close() {
        workers.shutdownNow();
        overflow.shutdownNow();
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
