package social.muse.server.processing.social;

import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApIri;
import social.muse.federation.ap.ApItem;
import social.muse.server.convert.ApConverter;
import social.muse.server.db.AccountRow;
import social.muse.server.db.ReportDao;
import social.muse.server.db.ReportDao.ReportRow;
import social.muse.server.db.StatusDao;
import social.muse.server.db.StatusRow;
import social.muse.server.processing.NotFound;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.processing.fedi.Deliveries;
import social.muse.server.processing.fedi.LocalActors;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reports people make about an account and its posts, for this instance's moderators; about a remote account they may
 * also be forwarded to its server as a Flag, sent by the instance actor so the reporter stays anonymous (as Mastodon
 * does).
 */
public final class Reports {
    /** Mastodon's categories; a report naming rules is about a violation of them. */
    public static final Set<String> CATEGORIES = Set.of("spam", "legal", "violation", "other");
    static final int MAX_COMMENT = 1_000;

    private final Jdbi jdbi;
    private final ReportDao reports;
    private final StatusDao statuses;
    private final LocalActors localActors;
    private final Deliveries deliveries;
    private final ApConverter ap;
    private final Clock clock;

    public Reports(Jdbi jdbi, ReportDao reports, StatusDao statuses, LocalActors localActors, Deliveries deliveries,
                   ApConverter ap, Clock clock) {
        this.jdbi = jdbi;
        this.reports = reports;
        this.statuses = statuses;
        this.localActors = localActors;
        this.deliveries = deliveries;
        this.ap = ap;
        this.clock = clock;
    }

    /** What a report says: the posts (of the reported account only), why, and whether its server hears of it. */
    public record Draft(List<Long> statusIds, String comment, String category, boolean forward) {
    }

    public ReportRow report(AccountRow me, AccountRow target, Draft draft) {
        var issues = new ValidationFailed.Collector();
        String comment = draft.comment() == null ? "" : draft.comment();
        if (comment.codePointCount(0, comment.length()) > MAX_COMMENT) {
            issues.add("comment", "ERR_TOO_LONG", "is too long (maximum is " + MAX_COMMENT + " characters)");
        }
        String category = draft.category() == null ? "other" : draft.category();
        if (!CATEGORIES.contains(category)) {
            issues.add("category", "ERR_INCLUSION", "is not included in the list");
        }
        if (target.id() == me.id()) {
            issues.add("account_id", "ERR_INVALID", "cannot be yourself");
        }
        issues.throwIfAny();
        AccountRow instanceActor = localActors.instanceActor();
        return jdbi.inTransaction(h -> {
            Map<Long, StatusRow> found = statuses.byIds(h, draft.statusIds());
            List<String> uris = new ArrayList<>();
            for (long id : draft.statusIds()) {
                StatusRow status = found.get(id);
                if (status == null || status.accountId() != target.id()) {
                    throw new NotFound("Record not found");
                }
                uris.add(status.uri());
            }
            boolean forward = draft.forward() && !target.isLocal();
            String flagId = forward ? ap.actorId(instanceActor) + "#reports/" + deliveries.newActivityId(h) : null;
            ReportRow row = reports.insert(h, me.id(), target.id(), category, comment, draft.statusIds(), uris, flagId);
            if (forward) {
                List<ApItem> reported = new ArrayList<>();
                reported.add(new ApIri(target.uri()));
                uris.forEach(uri -> reported.add(new ApIri(uri)));
                deliveries.enqueue(h, instanceActor, new ApActivity(flagId, "Flag", ap.actorId(instanceActor), reported,
                        null, List.of(target.uri()), List.of(), clock.instant(), comment), List.of(target.inboxUrl()));
            }
            return row;
        });
    }
}
