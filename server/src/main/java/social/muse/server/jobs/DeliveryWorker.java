package social.muse.server.jobs;

import org.jdbi.v3.core.Jdbi;
import social.muse.federation.signature.Scheme;
import social.muse.federation.signature.SignatureStrategy;
import social.muse.federation.transport.FederationClient;
import social.muse.federation.transport.FetchOptions;
import social.muse.federation.transport.FetchResponse;
import social.muse.federation.transport.TransportException;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.DeliveryDao;
import social.muse.server.db.DeliveryDao.DueDeliveryRow;
import social.muse.server.processing.fedi.ActorSigning;
import social.muse.server.processing.fedi.PartialFollowers;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends what {@code Deliveries} queued. One loop claims due rows in short transactions (a lease, so several
 * processes share the queue and a crashed one's rows come back) and hands each to a virtual thread; a global and a
 * per-host cap on sends in flight keep a slow or dead host from occupying more than its share.
 *
 * <p>Outcomes follow Mastodon: 2xx is done; a 4xx other than 401, 408 and 429 (and 501) is permanent; anything else,
 * a timeout or a refused connection is retried after (n⁴ + 15) s plus jitter, 16 attempts in all (about 2–3 days).
 * Each host has a circuit breaker: from 10 consecutive failures on it stays open for a minute after the latest one,
 * and its due rows wait without being attempted. A host that failed on 7 different days since its last success is
 * unavailable: its deliveries fail without an attempt until the host sends us an activity.
 */
public final class DeliveryWorker {
    private static final System.Logger LOG = System.getLogger(DeliveryWorker.class.getName());
    static final String CONTENT_TYPE = "application/activity+json";
    static final int MAX_ATTEMPTS = 16;
    static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(401, 408, 429);
    static final int BREAKER_THRESHOLD = 10;
    static final Duration BREAKER_OPEN_FOR = Duration.ofSeconds(60);
    static final int UNAVAILABLE_AFTER_FAILURE_DAYS = 7;

    /**
     * @param pollInterval how often the queue is looked at without a {@link #wake()}
     * @param lease        how long a claimed row is hidden from other claims; longer than a send (with its second
     *                     knock) can take, so only a crashed process's rows come back
     * @param stopTimeout  how long {@link #stop()} waits for sends in flight
     */
    public record Settings(int maxInFlight, int maxPerHost, Duration pollInterval, Duration lease,
                           Duration stopTimeout) {
        public static Settings defaults() {
            return new Settings(64, 4, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(10));
        }
    }

    private final Jdbi jdbi;
    private final DeliveryDao deliveries;
    private final AccountDao accounts;
    private final FederationClient client;
    private final ActorSigning signing;
    private final PartialFollowers partialFollowers;
    private final SignatureStrategy strategy;
    private final Settings settings;

    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<String, Integer> inFlightByHost = new ConcurrentHashMap<>();
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private Thread loop;

    public DeliveryWorker(Jdbi jdbi, DeliveryDao deliveries, AccountDao accounts, FederationClient client,
                          ActorSigning signing, PartialFollowers partialFollowers, SignatureStrategy strategy,
                          Settings settings) {
        this.jdbi = jdbi;
        this.deliveries = deliveries;
        this.accounts = accounts;
        this.client = client;
        this.signing = signing;
        this.partialFollowers = partialFollowers;
        this.strategy = strategy;
        this.settings = settings;
    }

    public synchronized void start() {
        if (loop != null) {
            throw new IllegalStateException("The delivery worker was started already");
        }
        running = true;
        loop = Thread.ofVirtual().name("muse-delivery").start(this::run);
    }

    /** Looks at the queue now rather than at the next poll; called after a transaction that queued deliveries commits. */
    public void wake() {
        wakeups.release();
    }

    /**
     * Stops claiming and waits up to {@link Settings#stopTimeout()} for sends in flight; any still running then are
     * interrupted and their rows stay leased, to be claimed again when the lease runs out. Idempotent.
     */
    public synchronized void stop() {
        if (loop == null || !running) {
            return;
        }
        running = false;
        wake();
        try {
            loop.join(settings.stopTimeout().toMillis());
            sends.shutdown();
            if (!sends.awaitTermination(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Deliveries still in flight after {0} ms; their rows come back "
                        + "when their lease ends", settings.stopTimeout().toMillis());
                sends.shutdownNow();
            }
        } catch (InterruptedException e) {
            sends.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            boolean claimed = false;
            try {
                claimed = claimAndSend();
            } catch (RuntimeException e) {
                // the database may be restarting; the next poll tries again
                LOG.log(System.Logger.Level.WARNING, "Claiming deliveries failed: " + e.getMessage());
            }
            try {
                if (!claimed) {
                    wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                }
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** True when rows were claimed, so there may be more to claim at once. */
    private boolean claimAndSend() {
        int sending = inFlight.get();
        int free = settings.maxInFlight() - sending;
        // with a backlog, claim in batches rather than one row per finished send
        if (free <= 0 || (sending > 0 && free < batchThreshold())) {
            return false;
        }
        Map<String, Integer> busy = new HashMap<>(inFlightByHost);
        record Claim(List<DueDeliveryRow> rows, Map<Long, AccountRow> senders, Map<Long, String> syncHeaders) {
        }
        Claim claim = jdbi.inTransaction(h -> {
            deliveries.failUnavailableHosts(h, UNAVAILABLE_AFTER_FAILURE_DAYS);
            deliveries.deferOpenHosts(h);
            List<DueDeliveryRow> rows = deliveries.claimDue(h, free, settings.maxPerHost(), busy, settings.lease(),
                    UNAVAILABLE_AFTER_FAILURE_DAYS);
            Map<Long, AccountRow> senders = new HashMap<>();
            for (DueDeliveryRow row : rows) {
                senders.computeIfAbsent(row.accountId(), id -> accounts.byId(h, id).orElseThrow());
            }
            return new Claim(rows, senders, partialFollowers.headers(h, rows, senders));
        });
        for (DueDeliveryRow row : claim.rows()) {
            inFlight.incrementAndGet();
            inFlightByHost.merge(row.host(), 1, Integer::sum);
            sends.execute(() -> {
                try {
                    deliver(row, claim.senders().get(row.accountId()), claim.syncHeaders().get(row.id()));
                } finally {
                    inFlightByHost.computeIfPresent(row.host(), (host, count) -> count == 1 ? null : count - 1);
                    // a freed slot may take a row (of this host, or one that was waiting); wakes coalesce
                    if (settings.maxInFlight() - inFlight.decrementAndGet() >= batchThreshold()) {
                        wake();
                    }
                }
            });
        }
        return !claim.rows().isEmpty();
    }

    private int batchThreshold() {
        return Math.max(1, settings.maxInFlight() / 4);
    }

    /** @param syncHeader the Collection-Synchronization value, or null */
    private void deliver(DueDeliveryRow row, AccountRow sender, String syncHeader) {
        Outcome outcome;
        try {
            outcome = classify(send(row, sender, syncHeader == null ? Map.of()
                    : Map.of("Collection-Synchronization", syncHeader)));
        } catch (TransportException e) {
            outcome = new Outcome(Result.RETRY, null, e.getMessage());
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping: the lease gives the row back later
            }
            LOG.log(System.Logger.Level.WARNING, "Delivery " + row.id() + " to " + row.inboxUrl() + " failed", e);
            outcome = new Outcome(Result.RETRY, null, "Internal error: " + e.getClass().getSimpleName());
        }
        record(row, outcome);
    }

    /** Double knocking: RFC 9421 first unless the host is known to want cavage; once more with cavage if refused. */
    private FetchResponse send(DueDeliveryRow row, AccountRow sender, Map<String, String> headers) {
        URI inbox = URI.create(row.inboxUrl());
        byte[] body = row.body().getBytes(StandardCharsets.UTF_8);
        Scheme scheme = strategy.firstScheme(row.host());
        FetchResponse response = post(inbox, body, headers, sender, scheme);
        Optional<Scheme> retry = strategy.retryScheme(row.host(), scheme, response.status());
        if (retry.isPresent()) {
            scheme = retry.get();
            response = post(inbox, body, headers, sender, scheme);
        }
        if (response.isSuccessful()) {
            strategy.accepted(row.host(), scheme);
        }
        return response;
    }

    private FetchResponse post(URI inbox, byte[] body, Map<String, String> headers, AccountRow sender, Scheme scheme) {
        return client.post(inbox, CONTENT_TYPE, body, headers,
                FetchOptions.defaults().signedBy(signing.signerFor(sender, scheme)));
    }

    private enum Result { DONE, FAILED, RETRY }

    private record Outcome(Result result, Integer status, String error) {
    }

    static boolean isPermanent(int status) {
        return (status >= 400 && status < 500 && !RETRYABLE_CLIENT_ERRORS.contains(status)) || status == 501;
    }

    private static Outcome classify(FetchResponse response) {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return new Outcome(Result.DONE, status, null);
        }
        String error = "HTTP " + status;
        return new Outcome(isPermanent(status) ? Result.FAILED : Result.RETRY, status, error);
    }

    /** Mastodon's spacing: (n⁴ + 15) s plus up to 10·(n + 1) s of jitter, n counting earlier failures from 0. */
    static Duration retryDelay(int previousAttempts) {
        long n = previousAttempts;
        long jitterMillis = ThreadLocalRandom.current().nextLong(10_000L * (n + 1));
        return Duration.ofSeconds(n * n * n * n + 15).plusMillis(jitterMillis);
    }

    private void record(DueDeliveryRow row, Outcome outcome) {
        jdbi.useTransaction(h -> {
            switch (outcome.result()) {
                case DONE -> {
                    deliveries.markDone(h, row.id(), outcome.status());
                    deliveries.hostSucceeded(h, row.host());
                }
                case FAILED -> deliveries.markFailed(h, row.id(), outcome.status(), outcome.error());
                case RETRY -> {
                    if (row.attempts() + 1 >= MAX_ATTEMPTS) {
                        deliveries.markFailed(h, row.id(), outcome.status(), outcome.error());
                    } else {
                        deliveries.scheduleRetry(h, row.id(), outcome.status(), outcome.error(),
                                retryDelay(row.attempts()));
                    }
                    deliveries.hostFailed(h, row.host(), BREAKER_THRESHOLD, BREAKER_OPEN_FOR);
                }
            }
        });
    }
}
