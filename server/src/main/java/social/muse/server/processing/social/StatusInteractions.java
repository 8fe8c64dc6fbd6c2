package social.muse.server.processing.social;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApIri;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.FollowDao;
import social.muse.server.db.InteractionDao;
import social.muse.server.db.InteractionLookupDao;
import social.muse.server.db.InteractionLookupDao.StatusDetails;
import social.muse.server.db.MediaDao;
import social.muse.server.processing.notify.Notifications;
import social.muse.server.processing.fedi.LocalNotes;
import social.muse.server.db.StatusCountsRow;
import social.muse.server.db.StatusDao;
import social.muse.server.db.StatusEditDao;
import social.muse.server.db.StatusEditDao.StatusEditRow;
import social.muse.server.db.StatusRow;
import social.muse.server.processing.NotAllowed;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.processing.accounts.PlainText;
import social.muse.server.processing.fedi.Deliveries;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What local people do to statuses besides posting and deleting them: favourite, reblog and edit, each
 * with the Like, Announce or Update (or its Undo) written to the delivery queue in the same transaction.
 * Also who may see a status, and a status as a client shows it.
 */
public final class StatusInteractions {
    private static final Set<String> REBLOG_VISIBILITIES = Set.of("public", "unlisted", "private");

    private final Jdbi jdbi;
    private final SocialProcessor social;
    private final AccountDao accounts;
    private final FollowDao follows;
    private final StatusDao statuses;
    private final InteractionDao interactions;
    private final InteractionLookupDao lookups;
    private final StatusEditDao edits;
    private final MediaDao media;
    private final Notifications notifications;
    private final LocalNotes notes;
    private final Deliveries deliveries;
    private final ApConverter ap;
    private final Uris uris;
    private final Clock clock;

    public StatusInteractions(Jdbi jdbi, SocialProcessor social, AccountDao accounts, FollowDao follows,
                              StatusDao statuses, InteractionDao interactions, InteractionLookupDao lookups,
                              StatusEditDao edits, MediaDao media, Notifications notifications, LocalNotes notes,
                              Deliveries deliveries, ApConverter ap, Uris uris, Clock clock) {
        this.notes = notes;
        this.notifications = notifications;
        this.jdbi = jdbi;
        this.social = social;
        this.accounts = accounts;
        this.follows = follows;
        this.statuses = statuses;
        this.interactions = interactions;
        this.lookups = lookups;
        this.edits = edits;
        this.media = media;
        this.deliveries = deliveries;
        this.ap = ap;
        this.uris = uris;
        this.clock = clock;
    }

    /**
     * The live status {@code id} if {@code viewer} may see it: public and unlisted ones for anyone,
     * followers-only ones for the author's followers, direct ones for those mentioned, any for the author.
     */
    public Optional<StatusRow> visibleStatus(long id, Optional<AccountRow> viewer) {
        return jdbi.withHandle(h -> statuses.byId(h, id).filter(s -> visible(h, s, viewer)));
    }

    private boolean visible(Handle h, StatusRow s, Optional<AccountRow> viewer) {
        if (s.deletedAt() != null) {
            return false;
        }
        if (s.reblogOfId() != null && statuses.byId(h, s.reblogOfId()).filter(o -> visible(h, o, viewer)).isEmpty()) {
            return false;
        }
        return switch (s.visibility()) {
            case "public", "unlisted" -> true;
            default -> viewer.map(v -> v.id() == s.accountId()
                    || (s.visibility().equals("private") && follows.follow(h, v.id(), s.accountId()).isPresent())
                    || lookups.isMentioned(h, s.id(), v.id())).orElse(false);
        };
    }

    /** The status as {@code viewer} sees it, counts and own interactions included. */
    public StatusView view(StatusRow status, Optional<AccountRow> viewer) {
        return jdbi.withHandle(h -> view(h, status, viewer));
    }

    /** Statuses as {@code viewer} sees them, in their order, read together: the same few queries for any page size. */
    public List<StatusView> views(List<StatusRow> page, Optional<AccountRow> viewer) {
        return page.isEmpty() ? List.of() : jdbi.withHandle(h -> views(h, page, viewer));
    }

    private StatusView view(Handle h, StatusRow status, Optional<AccountRow> viewer) {
        return views(h, List.of(status), viewer).getFirst();
    }

    private List<StatusView> views(Handle h, List<StatusRow> page, Optional<AccountRow> viewer) {
        Map<Long, StatusRow> reblogged = statuses.byIds(h, page.stream().map(StatusRow::reblogOfId)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        // what is shown with its own counts, media, mentions and tags: the page's originals and what its boosts boost
        List<Long> originals = Stream.concat(page.stream().filter(s -> s.reblogOfId() == null), reblogged.values().stream())
                .map(StatusRow::id).distinct().toList();
        Map<Long, StatusDetails> details = lookups.details(h, originals, viewer.map(AccountRow::id).orElse(-1L));
        Set<Long> people = new HashSet<>();
        page.forEach(s -> people.add(s.accountId()));
        reblogged.values().forEach(s -> people.add(s.accountId()));
        details.values().forEach(d -> people.addAll(d.mentionedAccountIds()));
        Map<Long, AccountRow> accountsById = accounts.byIds(h, people);
        Map<Long, List<MediaDao.MediaRow>> mediaByStatus = media.byStatuses(h, originals);
        Function<StatusRow, StatusView> original = s -> {
            StatusDetails d = details.getOrDefault(s.id(), StatusDetails.NONE);
            return new StatusView(s, accountsById.get(s.accountId()), d.counts(), null,
                    mediaByStatus.getOrDefault(s.id(), List.of()),
                    d.mentionedAccountIds().stream().map(accountsById::get).filter(Objects::nonNull).toList(), d.tags(),
                    d.inReplyToAccountId());
        };
        return page.stream().map(s -> s.reblogOfId() == null ? original.apply(s)
                : new StatusView(s, accountsById.get(s.accountId()), StatusCountsRow.NONE,
                        original.apply(reblogged.get(s.reblogOfId())), List.of(), List.of(), List.of(), null)).toList();
    }

    /** Favourites the status (or the one it reblogs); favouriting again changes nothing, as on Mastodon. */
    public StatusView favourite(AccountRow me, StatusRow status) {
        return jdbi.inTransaction(h -> {
            StatusRow target = original(h, status);
            String likeId = uris.activity(me.username(), deliveries.newActivityId(h));
            if (interactions.favourite(h, me.id(), target.id(), likeId)) {
                notifications.favourite(h, me, target.id());
                AccountRow author = accounts.byId(h, target.accountId()).orElseThrow();
                if (!author.isLocal()) {
                    deliveries.enqueue(h, me, like(me, likeId, target, author), List.of(author.inboxUrl()));
                }
            }
            return view(h, target, Optional.of(me));
        });
    }

    /** Bookmarks the status (or the one it reblogs) for {@code me} alone: nothing is sent anywhere. */
    public StatusView bookmark(AccountRow me, StatusRow status) {
        return jdbi.inTransaction(h -> {
            StatusRow target = original(h, status);
            interactions.bookmark(h, me.id(), target.id());
            return view(h, target, Optional.of(me));
        });
    }

    public StatusView unbookmark(AccountRow me, StatusRow status) {
        return jdbi.inTransaction(h -> {
            StatusRow target = original(h, status);
            interactions.unbookmark(h, me.id(), target.id());
            return view(h, target, Optional.of(me));
        });
    }

    /** Takes a favourite back; the author's server, if remote, gets Undo(Like). No favourite, no change. */
    public StatusView unfavourite(AccountRow me, StatusRow status) {
        return jdbi.inTransaction(h -> {
            StatusRow target = original(h, status);
            Optional<InteractionLookupDao.Favourite> existing = lookups.favourite(h, me.id(), target.id());
            if (existing.isPresent()) {
                interactions.unfavourite(h, me.id(), target.uri());
                AccountRow author = accounts.byId(h, target.accountId()).orElseThrow();
                if (!author.isLocal()) {
                    String likeId = existing.get().uri() != null ? existing.get().uri()
                            : uris.activity(me.username(), deliveries.newActivityId(h));
                    deliveries.enqueue(h, me, undo(h, me, like(me, likeId, target, author)), List.of(author.inboxUrl()));
                }
            }
            return view(h, target, Optional.of(me));
        });
    }

    /**
     * Reblogs the status (or the one a reblog reblogs) with {@code visibility} ("public" when null); the
     * reblogger's followers and the author get Announce. Reblogging again returns the existing reblog.
     * Followers-only statuses may be reblogged by their author only (the reblog stays followers-only) and
     * direct ones by nobody, as on Mastodon.
     */
    public StatusView reblog(AccountRow me, StatusRow status, String visibility) {
        if (visibility != null && !REBLOG_VISIBILITIES.contains(visibility)) {
            var issues = new ValidationFailed.Collector();
            issues.add("visibility", "ERR_INCLUSION", "is not included in the list");
            issues.throwIfAny();
        }
        return jdbi.inTransaction(h -> {
            StatusRow target = original(h, status);
            if (target.visibility().equals("direct")
                    || (target.visibility().equals("private") && target.accountId() != me.id())) {
                throw new NotAllowed("This action is not allowed");
            }
            Optional<StatusRow> existing = lookups.reblogBy(h, me.id(), target.id());
            if (existing.isPresent()) {
                return view(h, existing.get(), Optional.of(me));
            }
            String shown = target.visibility().equals("private") ? "private" : visibility == null ? "public" : visibility;
            String announceId = uris.activity(me.username(), deliveries.newActivityId(h));
            interactions.reblog(h, me.id(), target.id(), announceId, shown);
            notifications.reblog(h, me, target.id());
            StatusRow reblog = statuses.byUri(h, announceId).orElseThrow();
            AccountRow author = accounts.byId(h, target.accountId()).orElseThrow();
            deliveries.enqueue(h, me, announce(me, reblog, target, author), reblogAudience(h, me, author));
            return view(h, reblog, Optional.of(me));
        });
    }

    /** Takes a reblog back: Undo(Announce) to whoever got the Announce. Returns the status that was reblogged. */
    public StatusView unreblog(AccountRow me, StatusRow status) {
        return jdbi.inTransaction(h -> {
            StatusRow target = original(h, status);
            Optional<StatusRow> existing = lookups.reblogBy(h, me.id(), target.id());
            if (existing.isPresent()) {
                interactions.unreblog(h, me.id(), target.uri());
                AccountRow author = accounts.byId(h, target.accountId()).orElseThrow();
                deliveries.enqueue(h, me, undo(h, me, announce(me, existing.get(), target, author)),
                        reblogAudience(h, me, author));
            }
            return view(h, target, Optional.of(me));
        });
    }

    /** The reblogger's followers' servers and the author's server (its shared inbox when it has one, to share a delivery). */
    private List<String> reblogAudience(Handle h, AccountRow me, AccountRow author) {
        List<String> inboxes = new ArrayList<>(follows.remoteFollowerInboxes(h, me.id()));
        if (!author.isLocal()) {
            inboxes.add(author.sharedInboxUrl() != null ? author.sharedInboxUrl() : author.inboxUrl());
        }
        return inboxes;
    }

    /** Mastodon addresses an Announce like a post of the reblog's visibility that mentions the original author. */
    private ApActivity announce(AccountRow me, StatusRow reblog, StatusRow target, AccountRow author) {
        ApConverter.Addressing addressing = ApConverter.addressing(reblog.visibility(), ap.followersId(me),
                List.of(ap.actorId(author)));
        return new ApActivity(reblog.uri(), "Announce", ap.actorId(me), List.of(new ApIri(target.uri())), null,
                addressing.to(), addressing.cc(), reblog.createdAt(), null);
    }

    private ApActivity like(AccountRow me, String likeId, StatusRow target, AccountRow author) {
        return new ApActivity(likeId, "Like", ap.actorId(me), List.of(new ApIri(target.uri())), null,
                List.of(ap.actorId(author)), List.of(), clock.instant(), null);
    }

    private ApActivity undo(Handle h, AccountRow me, ApActivity undone) {
        return new ApActivity(uris.activity(me.username(), deliveries.newActivityId(h)), "Undo", ap.actorId(me),
                List.of(undone), null, undone.to(), undone.cc(), clock.instant(), null);
    }

    /** What an edit may change; null keeps the current value (the text is always replaced). */
    public record Edit(String text, String spoilerText, Boolean sensitive, String language) {
    }

    /**
     * Edits one's own local status: the text, content warning, sensitivity and language. The earlier version
     * goes into its history and the followers' servers get Update(Note), as they got the Create.
     * Media and polls are not part of an edit yet: Muse statuses have neither.
     */
    public StatusView edit(AccountRow me, StatusRow status, Edit edit) {
        var issues = new ValidationFailed.Collector();
        SocialProcessor.checkText(issues, edit.text());
        issues.throwIfAny();
        if (status.accountId() != me.id() || !status.local() || status.reblogOfId() != null || status.deletedAt() != null) {
            throw new NotAllowed("This status is not yours to edit");
        }
        return jdbi.inTransaction(h -> {
            StatusRow current = statuses.byId(h, status.id()).orElseThrow();
            if (edits.versions(h, current.id()).isEmpty()) {
                edits.recordVersion(h, current);
            }
            StatusRow edited = edits.edit(h, new StatusEditDao.LocalEdit(current.id(), PlainText.toHtml(edit.text()),
                    edit.text(), edit.spoilerText() != null ? edit.spoilerText() : current.spoilerText(),
                    edit.sensitive() != null ? edit.sensitive() : current.sensitive(),
                    edit.language() != null ? edit.language() : current.language()));
            edits.recordVersion(h, edited);
            notifications.edited(h, me, edited.id());
            social.deliverAbout(h, me, edited, new ApActivity(edited.uri() + "#updates/" + edited.editedAt().toEpochMilli(),
                    "Update", ap.actorId(me), List.of(notes.note(h, edited, me)), null, List.of(edited.toUris()),
                    List.of(edited.ccUris()), edited.editedAt(), null));
            return view(h, edited, Optional.of(me));
        });
    }

    /** Every version of the status, oldest first; a status never edited (or edited elsewhere) has just its current one. */
    public List<StatusEditRow> history(StatusRow status) {
        List<StatusEditRow> versions = jdbi.withHandle(h -> edits.versions(h, status.id()));
        if (!versions.isEmpty()) {
            return versions;
        }
        return List.of(new StatusEditRow(0, status.id(), status.content(), status.spoilerText(), status.sensitive(),
                status.editedAt() != null ? status.editedAt() : status.createdAt()));
    }

    public AccountRow author(StatusRow status) {
        return jdbi.withHandle(h -> accounts.byId(h, status.accountId()).orElseThrow());
    }

    /** A reblog stands for the status it reblogs: favouriting or reblogging it acts on that one. */
    private StatusRow original(Handle h, StatusRow status) {
        return status.reblogOfId() == null ? status : statuses.byId(h, status.reblogOfId()).orElseThrow();
    }
}
