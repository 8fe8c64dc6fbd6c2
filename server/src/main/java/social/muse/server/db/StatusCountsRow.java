package social.muse.server.db;

/** How others reacted to a status, and whether the viewer favourited, reblogged, pinned or bookmarked it. */
public record StatusCountsRow(long repliesCount, long reblogsCount, long favouritesCount, boolean favourited,
                              boolean reblogged, boolean pinned, boolean bookmarked) {
    /** For a status just posted or deleted: nobody has reacted to it yet, or it no longer matters. */
    public static final StatusCountsRow NONE = new StatusCountsRow(0, 0, 0, false, false, false, false);
}
