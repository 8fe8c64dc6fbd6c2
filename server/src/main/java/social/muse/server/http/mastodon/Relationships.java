package social.muse.server.http.mastodon;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.FollowDao;
import social.muse.server.http.mastodon.model.RelationshipResponse;

/** Reads how two accounts relate, for the Relationship entity. */
public final class Relationships {
    private final Jdbi jdbi;
    private final FollowDao follows;
    private final ApiConverter converter;

    public Relationships(Jdbi jdbi, FollowDao follows, ApiConverter converter) {
        this.jdbi = jdbi;
        this.follows = follows;
        this.converter = converter;
    }

    public RelationshipResponse of(long me, long other) {
        return jdbi.withHandle(h -> converter.relationship(other,
                follows.follow(h, me, other).isPresent(),
                follows.follow(h, other, me).isPresent(),
                follows.request(h, me, other).isPresent()));
    }
}
