package social.muse.server.processing.social;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApIri;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.InteractionDao;
import social.muse.server.db.MuteDao;
import social.muse.server.db.PageQuery;
import social.muse.server.processing.NotAllowed;
import social.muse.server.processing.fedi.Deliveries;
import social.muse.server.processing.fedi.OutboundFollows;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Blocking and muting other accounts, with Mastodon's semantics. A block ends follows both ways and, for a remote
 * account, tells its server (Undo(Follow) and Reject(Follow) for the ended follows, then Block); a mute stays local.
 */
public final class Blocks {
    private final Jdbi jdbi;
    private final AccountDao accounts;
    private final InteractionDao interactions;
    private final MuteDao mutes;
    private final OutboundFollows outboundFollows;
    private final Deliveries deliveries;
    private final ApConverter ap;
    private final Uris uris;
    private final Clock clock;

    public Blocks(Jdbi jdbi, AccountDao accounts, InteractionDao interactions, MuteDao mutes,
                  OutboundFollows outboundFollows, Deliveries deliveries, ApConverter ap, Uris uris, Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.interactions = interactions;
        this.mutes = mutes;
        this.outboundFollows = outboundFollows;
        this.deliveries = deliveries;
        this.ap = ap;
        this.uris = uris;
        this.clock = clock;
    }

    /** An account in a list, with the list row's id (the paging cursor). */
    public record Listed(long cursor, AccountRow account) {
    }

    /** Blocks {@code target}; blocking again changes nothing and sends nothing. */
    public void block(AccountRow me, AccountRow target) {
        if (me.id() == target.id()) {
            throw new NotAllowed("You cannot block yourself");
        }
        jdbi.useTransaction(h -> block(h, me, target));
    }

    /**
     * {@link #block} inside the caller's transaction (a Move carries blocks of the old account over to the new one).
     * Blocking again changes nothing.
     */
    public void block(Handle h, AccountRow me, AccountRow target) {
        if (interactions.blockOf(h, me.id(), target.id()).isPresent()) {
            return;
        }
        if (target.isLocal()) {
            interactions.block(h, me.id(), target.id(), null);
            return;
        }
        outboundFollows.undo(h, me, target);
        outboundFollows.reject(h, me, target);
        String blockId = uris.activity(me.username(), deliveries.newActivityId(h));
        interactions.block(h, me.id(), target.id(), blockId);
        deliveries.enqueue(h, me, new ApActivity(blockId, "Block", ap.actorId(me), List.of(new ApIri(target.uri())),
                null, List.of(target.uri()), List.of(), clock.instant(), null), List.of(target.inboxUrl()));
    }

    /** Lifts a block; a remote account's server gets Undo(Block) naming the Block. */
    public void unblock(AccountRow me, AccountRow target) {
        jdbi.useTransaction(h -> interactions.blockOf(h, me.id(), target.id()).ifPresent(block -> {
            interactions.unblock(h, me.id(), target.id());
            if (!target.isLocal() && block.uri() != null) {
                ApActivity original = new ApActivity(block.uri(), "Block", ap.actorId(me), List.of(new ApIri(target.uri())),
                        null, List.of(), List.of(), null, null);
                deliveries.enqueue(h, me, new ApActivity(uris.activity(me.username(), deliveries.newActivityId(h)),
                        "Undo", ap.actorId(me), List.of(original), null, List.of(target.uri()), List.of(),
                        clock.instant(), null), List.of(target.inboxUrl()));
            }
        }));
    }

    /**
     * Mutes {@code target}, hiding its notifications too unless {@code notifications} is false, for {@code duration}
     * (zero: until unmuted). Muting again replaces the earlier mute.
     */
    public void mute(AccountRow me, AccountRow target, boolean notifications, Duration duration) {
        if (me.id() == target.id()) {
            throw new NotAllowed("You cannot mute yourself");
        }
        jdbi.useHandle(h -> mutes.mute(h, me.id(), target.id(), notifications,
                duration.isZero() ? null : clock.instant().plus(duration)));
    }

    public void unmute(AccountRow me, AccountRow target) {
        jdbi.useHandle(h -> mutes.unmute(h, me.id(), target.id()));
    }

    public List<Listed> blocked(AccountRow me, PageQuery page) {
        return jdbi.withHandle(h -> {
            List<long[]> rows = interactions.blockPage(h, me.id(), page).stream()
                    .map(b -> new long[] {b.id(), b.targetAccountId()}).toList();
            return listed(accounts.byIds(h, rows.stream().map(r -> r[1]).toList()), rows);
        });
    }

    /** A muted account with its mute's id (the paging cursor) and when the mute ends (null: when lifted). */
    public record Muted(long cursor, AccountRow account, java.time.Instant expiresAt) {
    }

    public List<Muted> muted(AccountRow me, PageQuery page) {
        return jdbi.withHandle(h -> {
            List<MuteDao.MuteRow> rows = mutes.page(h, me.id(), page);
            Map<Long, AccountRow> byId = accounts.byIds(h, rows.stream().map(MuteDao.MuteRow::targetAccountId).toList());
            return rows.stream().filter(m -> byId.containsKey(m.targetAccountId()))
                    .map(m -> new Muted(m.id(), byId.get(m.targetAccountId()), m.expiresAt())).toList();
        });
    }

    /** Rows of (cursor, account id) joined to the accounts loaded in one query, in the rows' order. */
    private static List<Listed> listed(Map<Long, AccountRow> byId, List<long[]> rows) {
        return rows.stream()
                .filter(r -> byId.containsKey(r[1]))
                .map(r -> new Listed(r[0], byId.get(r[1])))
                .toList();
    }
}
