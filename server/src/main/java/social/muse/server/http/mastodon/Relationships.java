package social.muse.server.http.mastodon;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.FollowDao;
import social.muse.server.db.InteractionDao;
import social.muse.server.db.MuteDao;
import social.muse.server.http.mastodon.model.RelationshipResponse;

/** Reads how two accounts relate, for the Relationship entity. */
public final class Relationships {
    private final Jdbi jdbi;
    private final FollowDao follows;
    private final InteractionDao interactions;
    private final MuteDao mutes;
    private final ApiConverter converter;

    public Relationships(Jdbi jdbi, FollowDao follows, InteractionDao interactions, MuteDao mutes,
                         ApiConverter converter) {
        this.jdbi = jdbi;
        this.follows = follows;
        this.interactions = interactions;
        this.mutes = mutes;
        this.converter = converter;
    }

    public RelationshipResponse of(long me, long other) {
        return jdbi.withHandle(h -> {
            var mute = mutes.mute(h, me, other);
            return converter.relationship(other, new ApiConverter.Relation(
                    follows.follow(h, me, other).isPresent(),
                    follows.follow(h, other, me).isPresent(),
                    follows.request(h, me, other).isPresent(),
                    follows.request(h, other, me).isPresent(),
                    interactions.blockOf(h, me, other).isPresent(),
                    interactions.blockOf(h, other, me).isPresent(),
                    mute.isPresent(),
                    mute.map(MuteDao.MuteRow::hideNotifications).orElse(false)));
        });
    }
}
