package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApItem;
import social.muse.federation.jsonld.Namespaces;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;
import social.muse.server.processing.notify.Notifications;
import social.muse.server.processing.social.Blocks;
import social.muse.server.db.MuteDao;
import social.muse.server.db.ReportDao;
import social.muse.server.db.InteractionDao;
import social.muse.server.db.RemoteAccountDao;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Likes, reblogs, blocks, reports and moves from remote actors. Posts we do not know are not fetched: a like
 * or an announce of an unknown post is dropped (fetching remote objects comes with search).
 */
public final class InboundInteractions {
    private static final System.Logger LOG = System.getLogger(InboundInteractions.class.getName());

    private final InteractionDao interactions;
    private final RemoteAccountDao accounts;
    private final AccountDao localAccounts;
    private final FollowDao follows;
    private final OutboundFollows outboundFollows;
    private final RemoteActors remoteActors;
    private final Notifications notifications;
    private final Blocks blocks;
    private final MuteDao mutes;
    private final ReportDao reports;

    public InboundInteractions(InteractionDao interactions, RemoteAccountDao accounts, AccountDao localAccounts,
                               FollowDao follows, OutboundFollows outboundFollows, RemoteActors remoteActors,
                               Notifications notifications, Blocks blocks, MuteDao mutes, ReportDao reports) {
        this.reports = reports;
        this.notifications = notifications;
        this.blocks = blocks;
        this.mutes = mutes;
        this.interactions = interactions;
        this.accounts = accounts;
        this.localAccounts = localAccounts;
        this.follows = follows;
        this.outboundFollows = outboundFollows;
        this.remoteActors = remoteActors;
    }

    public void like(Handle h, AccountRow actor, String statusUri, String likeUri) {
        interactions.statusIdByUri(h, statusUri).ifPresent(id -> {
            if (interactions.favourite(h, actor.id(), id, likeUri)) {
                notifications.favourite(h, actor, id);
            }
        });
    }

    public void unlike(Handle h, AccountRow actor, String statusUri) {
        interactions.unfavourite(h, actor.id(), statusUri);
    }

    public void announce(Handle h, AccountRow actor, ApActivity announce, String statusUri) {
        String visibility = announce.to().contains(Namespaces.PUBLIC) ? "public"
                : announce.cc().contains(Namespaces.PUBLIC) ? "unlisted" : "private";
        interactions.statusIdByUri(h, statusUri).ifPresent(id -> {
            interactions.reblog(h, actor.id(), id, announce.id(), visibility);
            notifications.reblog(h, actor, id);
        });
    }

    public void unannounce(Handle h, AccountRow actor, String statusUri) {
        interactions.unreblog(h, actor.id(), statusUri);
    }

    /** Undo naming only the undone activity's id: a like or a reblog of the sender's, if we have one. */
    public boolean undo(Handle h, AccountRow actor, String activityUri) {
        return interactions.undoByActivityUri(h, actor.id(), activityUri);
    }

    public void block(Handle h, AccountRow actor, AccountRow local, String blockUri) {
        interactions.block(h, actor.id(), local.id(), blockUri);
    }

    public void unblock(Handle h, AccountRow actor, AccountRow local) {
        interactions.unblock(h, actor.id(), local.id());
    }

    /**
     * A Flag names the reported account and posts in {@code object}; accounts must be known here, posts are kept
     * as the reporter named them. One report per reported account.
     */
    public void flag(Handle h, AccountRow reporter, ApActivity flag, java.util.function.Function<String, Optional<AccountRow>> account) {
        List<AccountRow> reported = new ArrayList<>();
        List<String> posts = new ArrayList<>();
        for (ApItem item : flag.object()) {
            if (item.id() == null) {
                continue;
            }
            account.apply(item.id()).ifPresentOrElse(reported::add, () -> posts.add(item.id()));
        }
        for (AccountRow target : reported) {
            String uri = reported.size() == 1 ? flag.id() : flag.id() + "#" + target.id();
            reports.insertFlag(h, uri, reporter.id(), target.id(), posts, flag.content() == null ? "" : flag.content());
        }
    }

    /**
     * Move from the sender to {@code targetUri}: accepted only when the target (fetched afresh) lists the sender
     * in its {@code alsoKnownAs}. As Mastodon does, each local follower of the old account asks to follow the new one
     * (a Follow to its server, which accepts as it sees fit) and stops following the old one (Undo(Follow)).
     */
    public void move(Handle h, AccountRow actor, String targetUri) {
        Optional<AccountRow> target = remoteActors.byUri(targetUri, true);
        if (target.isEmpty() || !accounts.alsoKnownAs(h, target.get().id()).contains(actor.uri())) {
            LOG.log(System.Logger.Level.INFO, "Ignoring the move of " + actor.uri() + " to " + targetUri
                    + ": the target does not name it in alsoKnownAs");
            return;
        }
        interactions.markMoved(h, actor.id(), target.get().uri());
        // as Mastodon does: who blocked or muted the old account blocks or mutes the new one
        for (AccountRow blocker : localAccounts.byIds(h, interactions.localBlockerIds(h, actor.id())).values()) {
            blocks.block(h, blocker, target.get());
        }
        mutes.carryOver(h, actor.id(), target.get().id());
        for (AccountRow follower : localAccounts.byIds(h, follows.localFollowerIds(h, actor.id(), false)).values()) {
            if (follows.blockedEitherWay(h, follower.id(), target.get().id())) {
                outboundFollows.undo(h, follower, actor);
                continue;
            }
            boolean alreadyThere = follows.follow(h, follower.id(), target.get().id()).isPresent()
                    || follows.request(h, follower.id(), target.get().id()).isPresent();
            if (!alreadyThere) {
                outboundFollows.request(h, follower, target.get());
            }
            outboundFollows.undo(h, follower, actor);
        }
    }
}
