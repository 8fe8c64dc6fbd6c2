package social.muse.federation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Double knocking: RFC 9421 first, cavage after a refusal, the winner remembered for a while. */
class SignatureStrategyTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final InMemorySchemeMemory memory = new InMemorySchemeMemory(clock, Duration.ofHours(1), 3);
    private final SignatureStrategy strategy = new SignatureStrategy(memory);

    @Test
    void anUnknownHostGetsRfc9421First() {
        assertEquals(Scheme.RFC9421, strategy.firstScheme("new.example"));
    }

    @Test
    void aRefusedRfc9421RequestIsRetriedWithCavageAndTheHostIsRemembered() {
        for (int status : new int[] {400, 401, 403}) {
            assertEquals(Optional.of(Scheme.CAVAGE), strategy.retryScheme("old.example", Scheme.RFC9421, status));
        }
        strategy.accepted("old.example", Scheme.CAVAGE);

        assertEquals(Scheme.CAVAGE, strategy.firstScheme("old.example"));
        assertEquals(Scheme.CAVAGE, strategy.firstScheme("OLD.example"));
        assertEquals(Scheme.RFC9421, strategy.firstScheme("other.example"));
    }

    @Test
    void otherFailuresAndCavageFailuresAreNotRetried() {
        for (int status : new int[] {202, 404, 410, 429, 500, 503}) {
            assertEquals(Optional.empty(), strategy.retryScheme("h.example", Scheme.RFC9421, status));
        }
        assertEquals(Optional.empty(), strategy.retryScheme("h.example", Scheme.CAVAGE, 401));
    }

    @Test
    void aRememberedSchemeExpiresSoAnUpgradedHostIsProbedAgain() {
        strategy.accepted("old.example", Scheme.CAVAGE);
        clock.advance(Duration.ofMinutes(59));
        assertEquals(Scheme.CAVAGE, strategy.firstScheme("old.example"));

        clock.advance(Duration.ofMinutes(2));
        assertEquals(Scheme.RFC9421, strategy.firstScheme("old.example"));
    }

    @Test
    void theMemoryIsBoundedAndDropsTheLeastRecentlyUsedHost() {
        strategy.accepted("a.example", Scheme.CAVAGE);
        strategy.accepted("b.example", Scheme.CAVAGE);
        strategy.accepted("c.example", Scheme.CAVAGE);
        strategy.firstScheme("a.example");
        strategy.accepted("d.example", Scheme.CAVAGE);

        assertEquals(3, memory.size());
        assertEquals(Optional.of(Scheme.CAVAGE), memory.remembered("a.example"));
        assertEquals(Optional.empty(), memory.remembered("b.example"));
        assertEquals(Optional.of(Scheme.CAVAGE), memory.remembered("d.example"));
    }
}
