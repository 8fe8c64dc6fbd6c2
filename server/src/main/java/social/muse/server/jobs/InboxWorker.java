package social.muse.server.jobs;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApDocument;
import social.muse.federation.ap.ApParseException;
import social.muse.server.db.DeliveryDao;
import social.muse.server.db.InboxDao;
import social.muse.server.db.InboxDao.InboxItemRow;
import social.muse.server.db.RemoteAccountDao;
import social.muse.server.processing.fedi.handlers.ActivityHandlers;
import social.muse.server.processing.fedi.handlers.InboundActivity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Processes received activities in the background. Each item is claimed with {@code FOR UPDATE SKIP LOCKED}
 * (several processes may run workers) and handled in the same transaction that marks it done, so it takes
 * effect exactly once. A failure is retried after 30 s, 2 min, 8 min and 32 min, then the item is failed.
 */
public final class InboxWorker implements AutoCloseable {
    static final int MAX_ATTEMPTS = 5;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    private static final int BATCH = 20;
    private static final System.Logger LOG = System.getLogger(InboxWorker.class.getName());

    private final Jdbi jdbi;
    private final InboxDao inbox;
    private final RemoteAccountDao accounts;
    private final DeliveryDao deliveries;
    private final ApCodec codec;
    private final ActivityHandlers handlers;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("inbox-worker").factory());

    public InboxWorker(Jdbi jdbi, InboxDao inbox, RemoteAccountDao accounts, DeliveryDao deliveries, ApCodec codec,
                       ActivityHandlers handlers, Clock clock) {
        this.jdbi = jdbi;
        this.inbox = inbox;
        this.accounts = accounts;
        this.deliveries = deliveries;
        this.codec = codec;
        this.handlers = handlers;
        this.clock = clock;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::drain, 0, IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Processes due items until none is left; errors are logged, never thrown (the schedule must go on). */
    private void drain() {
        try {
            while (!Thread.currentThread().isInterrupted() && processBatch() == BATCH) {
                LOG.log(System.Logger.Level.TRACE, "inbox: another batch");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Inbox processing failed; retrying on the next poll", e);
        }
    }

    /** Claims and processes one batch; the number of items claimed. */
    int processBatch() {
        return jdbi.inTransaction(h -> {
            var items = inbox.claimDue(h, BATCH);
            for (InboxItemRow item : items) {
                h.savepoint("item");
                try {
                    process(h, item);
                    inbox.markDone(h, item.id());
                    h.releaseSavepoint("item");
                } catch (RuntimeException | ApParseException e) {
                    // Jdbi forgets the savepoint on rollback: nothing to release afterwards.
                    h.rollbackToSavepoint("item");
                    fail(h, item, e);
                }
            }
            return items.size();
        });
    }

    private void process(Handle h, InboxItemRow item) throws ApParseException {
        ApDocument document = codec.read(item.body().getBytes(StandardCharsets.UTF_8));
        if (!(document instanceof ApActivity activity)) {
            return;
        }
        // The sender was verified and stored on receipt; a sender deleted since has nothing left to say.
        var actor = accounts.byUri(h, item.actorUri()).filter(a -> a.deletedAt() == null);
        if (actor.isPresent()) {
            deliveries.hostHeardFrom(h, actor.get().domain());
            handlers.dispatch(h, new InboundActivity(activity, actor.get()));
        }
    }

    private void fail(Handle h, InboxItemRow item, Exception e) {
        int attempt = item.attempts() + 1;
        Instant next = attempt >= MAX_ATTEMPTS ? null
                : clock.instant().plus(FIRST_RETRY.multipliedBy(1L << (2 * (attempt - 1))));
        LOG.log(System.Logger.Level.INFO, "Inbox item " + item.activityUri() + " failed (attempt " + attempt + "): "
                + e.getMessage());
        inbox.markFailed(h, item.id(), String.valueOf(e.getMessage()), next);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
