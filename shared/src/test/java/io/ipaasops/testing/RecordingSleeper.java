package io.ipaasops.testing;

import io.ipaasops.core.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The waiting seam for tests: records each wait instead of spending it, so backoff is checked without real time. */
public final class RecordingSleeper extends Sleeper {

    private final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
    }

    /** The waits asked for so far, oldest first. */
    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }

    /** Forgets the recorded waits. */
    public synchronized void clear() {
        waits.clear();
    }
}
