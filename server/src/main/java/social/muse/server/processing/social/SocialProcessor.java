package social.muse.server.processing.social;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApIri;
import social.muse.federation.ap.ApItem;
import social.muse.federation.ap.ApObject;
import social.muse.federation.ap.ApTombstone;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;
import social.muse.server.db.Ids;
import social.muse.server.db.StatusDao;
import social.muse.server.db.StatusRow;
import social.muse.server.processing.NotAllowed;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.processing.accounts.PlainText;
import social.muse.server.processing.fedi.Deliveries;
import social.muse.server.processing.fedi.OutboundFollows;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What local people do that others must hear about: follow and unfollow, post and delete. Each
 * change and the activity announcing it are written in one transaction; the delivery worker, woken
 * when it commits, sends the activity afterwards.
 */
public final class SocialProcessor {
    static final int MAX_CHARACTERS = 5000;
    private static final Set<String> VISIBILITIES = Set.of("public", "unlisted", "private", "direct");

    public enum FollowState { FOLLOWING, REQUESTED }

    private final Jdbi jdbi;
    private final AccountDao accounts;
    private final FollowDao follows;
    private final StatusDao statuses;
    private final Deliveries deliveries;
    private final OutboundFollows outboundFollows;
    private final ApConverter ap;
    private final Uris uris;
    private final Clock clock;

    public SocialProcessor(Jdbi jdbi, AccountDao accounts, FollowDao follows, StatusDao statuses, Deliveries deliveries,
                           OutboundFollows outboundFollows, ApConverter ap, Uris uris, Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.follows = follows;
        this.statuses = statuses;
        this.deliveries = deliveries;
        this.outboundFollows = outboundFollows;
        this.ap = ap;
        this.uris = uris;
        this.clock = clock;
    }

    /**
     * Follows {@code target}. A remote account gets a Follow and stays requested until its server
     * accepts; a local one is followed at once unless locked.
     */
    public FollowState follow(AccountRow follower, AccountRow target) {
        if (follower.id() == target.id()) {
            throw new NotAllowed("You cannot follow yourself");
        }
        FollowState state = jdbi.inTransaction(h -> {
            if (follows.follow(h, follower.id(), target.id()).isPresent()) {
                return FollowState.FOLLOWING;
            }
            if (target.isLocal()) {
                if (target.locked()) {
                    follows.insertRequest(h, follower.id(), target.id(), null);
                    return FollowState.REQUESTED;
                }
                follows.insertFollow(h, follower.id(), target.id(), null);
                return FollowState.FOLLOWING;
            }
            outboundFollows.request(h, follower, target);
            return FollowState.REQUESTED;
        });
        return state;
    }

    /** Stops following or withdraws a request; a remote account is sent Undo(Follow). */
    public void unfollow(AccountRow follower, AccountRow target) {
        jdbi.useTransaction(h -> {
            if (target.isLocal()) {
                follows.deleteFollow(h, follower.id(), target.id());
                follows.deleteRequest(h, follower.id(), target.id());
            } else {
                outboundFollows.undo(h, follower, target);
            }
        });
    }

    /** Posts a status and sends Create(Note) to the followers' servers (unless it is direct). */
    public StatusRow post(AccountRow author, String text, String visibility, String spoilerText, boolean sensitive,
                          String language) {
        var issues = new ValidationFailed.Collector();
        checkText(issues, text);
        if (!VISIBILITIES.contains(visibility)) {
            issues.add("visibility", "ERR_INCLUSION", "is not included in the list");
        }
        issues.throwIfAny();
        StatusRow status = jdbi.inTransaction(h -> {
            long id = Ids.next(h);
            String uri = uris.status(author.username(), id);
            String followersCollection = ap.followersId(author);
            ApConverter.Addressing addressing = ApConverter.addressing(visibility, followersCollection, List.of());
            StatusRow row = statuses.insert(h, new StatusDao.NewStatus(id, uri, uris.profile(author.username()) + "/" + id,
                    author.id(), true, null, null, PlainText.toHtml(text), text, spoilerText == null ? "" : spoilerText,
                    sensitive, visibility, language, addressing.to(), addressing.cc()));
            ApObject note = ap.note(row, author);
            deliverToFollowers(h, author, new ApActivity(uri + "/activity", "Create", ap.actorId(author), List.of(note),
                    null, addressing.to(), addressing.cc(), row.createdAt(), null), visibility);
            return row;
        });
        return status;
    }

    /** Deletes one's own status: a tombstone stays (fetches answer 410) and followers' servers get Delete. */
    public void delete(AccountRow author, long statusId) {
        jdbi.useTransaction(h -> {
            StatusRow status = statuses.byId(h, statusId).filter(s -> s.accountId() == author.id() && s.deletedAt() == null)
                    .orElseThrow(() -> new NotAllowed("This status is not yours to delete"));
            statuses.markDeleted(h, statusId);
            ApTombstone tombstone = new ApTombstone(status.uri(), "Note", null, null, clock.instant());
            deliverToFollowers(h, author, new ApActivity(status.uri() + "#delete", "Delete", ap.actorId(author),
                    List.<ApItem>of(tombstone), null, List.of(ApConverter.PUBLIC), List.of(), clock.instant(), null),
                    status.visibility());
        });
    }

    /** The rules for what a status says, when it is posted and when it is edited. */
    static void checkText(ValidationFailed.Collector issues, String text) {
        if (text == null || text.isBlank()) {
            issues.add("text", "ERR_BLANK", "can't be blank");
        } else if (text.codePointCount(0, text.length()) > MAX_CHARACTERS) {
            issues.add("text", "ERR_TOO_LONG", "is too long (maximum is " + MAX_CHARACTERS + " characters)");
        }
    }

    /** Sends {@code activity} about a status to where its Create went: the author's remote followers. */
    void deliverToFollowers(Handle h, AccountRow author, ApActivity activity, String visibility) {
        List<String> inboxes = visibility.equals("direct") ? List.of() : follows.remoteFollowerInboxes(h, author.id());
        deliveries.enqueue(h, author, activity, inboxes);
    }

    public Optional<StatusRow> status(long id) {
        return jdbi.withHandle(h -> statuses.byId(h, id));
    }

    public Optional<AccountRow> account(long id) {
        return jdbi.withHandle(h -> accounts.byId(h, id));
    }
}
