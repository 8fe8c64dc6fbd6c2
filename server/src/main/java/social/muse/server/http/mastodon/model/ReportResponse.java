package social.muse.server.http.mastodon.model;

import java.util.List;

/** Mastodon's Report entity, as its reporter sees it. */
public record ReportResponse(String id, boolean actionTaken, String actionTakenAt, String category, String comment,
                             boolean forwarded, String createdAt, List<String> statusIds, List<String> ruleIds,
                             AccountResponse targetAccount) {
}
