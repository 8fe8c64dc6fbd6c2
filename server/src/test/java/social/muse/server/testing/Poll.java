package social.muse.server.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline: the only way tests wait for something to happen. */
public final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(50);

    private Poll() {
    }

    /** Checks {@code condition} until it holds; fails with {@code what} (evaluated only then) at the deadline. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within " + timeout.toMillis() + " ms: " + what.get());
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
        }
    }
}
