package social.muse.server.processing.social;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApItem;
import social.muse.federation.ap.ApObject;
import social.muse.federation.ap.ApTombstone;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;
import social.muse.server.db.Ids;
import social.muse.server.db.MediaDao;
import social.muse.server.db.StatusDao;
import social.muse.server.db.StatusRow;
import social.muse.server.processing.NotAllowed;
import social.muse.server.processing.NotFound;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.processing.fedi.AccountFinder;
import social.muse.server.processing.media.Attachments;
import social.muse.server.processing.notify.Notifications;
import social.muse.server.processing.fedi.Deliveries;
import social.muse.server.processing.fedi.LocalNotes;
import social.muse.server.processing.fedi.OutboundFollows;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final AccountFinder accountFinder;
    private final MediaDao media;
    private final LocalNotes notes;
    private final Notifications notifications;
    private final ApConverter ap;
    private final Uris uris;
    private final Clock clock;

    public SocialProcessor(Jdbi jdbi, AccountDao accounts, FollowDao follows, StatusDao statuses, Deliveries deliveries,
                           OutboundFollows outboundFollows, AccountFinder accountFinder, MediaDao media,
                           LocalNotes notes, Notifications notifications, ApConverter ap, Uris uris, Clock clock) {
        this.notes = notes;
        this.notifications = notifications;
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.follows = follows;
        this.statuses = statuses;
        this.deliveries = deliveries;
        this.outboundFollows = outboundFollows;
        this.accountFinder = accountFinder;
        this.media = media;
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
            if (follows.blockedEitherWay(h, follower.id(), target.id())) {
                throw new NotAllowed("This action is not allowed");
            }
            if (follows.follow(h, follower.id(), target.id()).isPresent()) {
                return FollowState.FOLLOWING;
            }
            if (target.isLocal()) {
                if (target.locked()) {
                    follows.insertRequest(h, follower.id(), target.id(), null);
                    notifications.follow(h, follower, target, true);
                    return FollowState.REQUESTED;
                }
                follows.insertFollow(h, follower.id(), target.id(), null);
                notifications.follow(h, follower, target, false);
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

    /**
     * What a person posts. {@code inReplyToId} and {@code idempotencyKey} may be null; a retried request with the same
     * key within the hour gets the status the first one made.
     */
    public record Draft(String text, String visibility, String spoilerText, boolean sensitive, String language,
                       Long inReplyToId, String idempotencyKey, List<Long> mediaIds) {
        public Draft {
            mediaIds = mediaIds == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(mediaIds));
        }
    }

    /** Posts a status and sends Create(Note) to the followers' servers (unless it is direct). */
    public StatusRow post(AccountRow author, String text, String visibility, String spoilerText, boolean sensitive,
                          String language) {
        return post(author, new Draft(text, visibility, spoilerText, sensitive, language, null, null, List.of()));
    }

    /**
     * Posts a status: mentions are resolved (other servers' accounts looked up when unknown) and linked, hashtags
     * linked, and Create(Note) goes to the followers' servers (unless it is direct) and to every mentioned remote
     * account.
     */
    public StatusRow post(AccountRow author, Draft draft) {
        var issues = new ValidationFailed.Collector();
        if (draft.mediaIds().isEmpty() || (draft.text() != null && !draft.text().isBlank())) {
            checkText(issues, draft.text());
        }
        if (!VISIBILITIES.contains(draft.visibility())) {
            issues.add("visibility", "ERR_INCLUSION", "is not included in the list");
        }
        if (draft.mediaIds().size() > Attachments.MAX_PER_STATUS) {
            issues.add("media_attachments", "ERR_TOO_MANY", "are too many (maximum is " + Attachments.MAX_PER_STATUS + ")");
        }
        issues.throwIfAny();
        String text = draft.text() == null ? "" : draft.text();
        if (draft.idempotencyKey() != null) {
            Optional<StatusRow> earlier = jdbi.withHandle(h -> statuses.byIdempotencyKey(h, author.id(), draft.idempotencyKey()));
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Optional<StatusRow> parent = draft.inReplyToId() == null ? Optional.empty()
                : Optional.of(jdbi.withHandle(h -> statuses.byId(h, draft.inReplyToId()))
                        .filter(s -> s.deletedAt() == null)
                        .orElseThrow(() -> new NotFound("The status replied to does not exist")));
        // network lookups of unknown accounts happen before the transaction, never inside it
        Map<String, AccountRow> mentioned = new LinkedHashMap<>();
        for (StatusText.Handle handle : StatusText.mentions(text)) {
            accountFinder.mentioned(handle.username(), handle.domain())
                    .filter(a -> a.suspendedAt() == null && a.deletedAt() == null)
                    .ifPresent(account -> mentioned.put(handle.key(), account));
        }
        try {
            return jdbi.inTransaction(h -> {
                long id = Ids.next(h);
                String uri = uris.status(author.username(), id);
                List<AccountRow> people = mentioned.values().stream().distinct().toList();
                ApConverter.Addressing addressing = ApConverter.addressing(draft.visibility(), ap.followersId(author),
                        people.stream().map(ap::actorId).toList());
                String html = StatusText.toHtml(text, linked(mentioned), uris::tag);
                StatusRow row = statuses.insert(h, new StatusDao.NewStatus(id, uri, uris.profile(author.username()) + "/" + id,
                        author.id(), true, parent.map(StatusRow::id).orElse(null), parent.map(StatusRow::uri).orElse(null),
                        html, text, draft.spoilerText() == null ? "" : draft.spoilerText(), draft.sensitive(),
                        draft.visibility(), draft.language(), addressing.to(), addressing.cc()));
                people.forEach(person -> {
                    statuses.insertMention(h, id, person.id());
                    notifications.mention(h, author, person, id);
                });
                if (media.attach(h, id, author.id(), draft.mediaIds()) != draft.mediaIds().size()) {
                    throw ValidationFailed.of("media_ids", "ERR_INVALID", "must be your own uploads not yet posted");
                }
                if (draft.idempotencyKey() != null && !statuses.claimIdempotencyKey(h, author.id(), draft.idempotencyKey(), id)) {
                    throw new KeyTaken();
                }
                statuses.insertTags(h, id, StatusText.hashtags(text));
                ApObject note = notes.note(h, row, author);
                deliverAbout(h, author, row, new ApActivity(uri + "/activity", "Create", ap.actorId(author), List.of(note),
                        null, addressing.to(), addressing.cc(), row.createdAt(), null));
                return row;
            });
        } catch (KeyTaken e) {
            // a request with the same key committed meanwhile: its status is the answer
            return jdbi.withHandle(h -> statuses.byIdempotencyKey(h, author.id(), draft.idempotencyKey())).orElseThrow();
        }
    }

    /** Rolls back a post whose Idempotency-Key another request took first. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super(null, null, false, false);
        }
    }

    private Map<String, StatusText.Linked> linked(Map<String, AccountRow> mentioned) {
        Map<String, StatusText.Linked> linked = new LinkedHashMap<>();
        mentioned.forEach((key, account) -> linked.put(key, new StatusText.Linked(
                account.isLocal() ? uris.profile(account.username()) : account.url() != null ? account.url() : account.uri(),
                account.username())));
        return linked;
    }

    /** Deletes one's own status: a tombstone stays (fetches answer 410) and followers' servers get Delete. */
    public void delete(AccountRow author, long statusId) {
        jdbi.useTransaction(h -> {
            StatusRow status = statuses.byId(h, statusId).filter(s -> s.accountId() == author.id() && s.deletedAt() == null)
                    .orElseThrow(() -> new NotAllowed("This status is not yours to delete"));
            statuses.markDeleted(h, statusId);
            ApTombstone tombstone = new ApTombstone(status.uri(), "Note", null, null, clock.instant());
            deliverAbout(h, author, status, new ApActivity(status.uri() + "#delete", "Delete", ap.actorId(author),
                    List.<ApItem>of(tombstone), null, List.of(ApConverter.PUBLIC), List.of(), clock.instant(), null));
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

    /**
     * Sends {@code activity} about {@code status} to where its Create went: the author's remote followers (unless it is
     * direct) and the remote accounts it mentions.
     */
    void deliverAbout(Handle h, AccountRow author, StatusRow status, ApActivity activity) {
        List<String> inboxes = new ArrayList<>(status.visibility().equals("direct") ? List.of()
                : follows.remoteFollowerInboxes(h, author.id()));
        inboxes.addAll(statuses.mentionedRemoteInboxes(h, status.id()));
        deliveries.enqueue(h, author, activity, inboxes);
    }

    public Optional<StatusRow> status(long id) {
        return jdbi.withHandle(h -> statuses.byId(h, id));
    }

    public Optional<AccountRow> account(long id) {
        return jdbi.withHandle(h -> accounts.byId(h, id));
    }
}
