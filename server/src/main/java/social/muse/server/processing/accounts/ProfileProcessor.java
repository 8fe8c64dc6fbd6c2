package social.muse.server.processing.accounts;

import org.jdbi.v3.core.Jdbi;
import social.muse.server.config.MuseConfig;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.UserDao;
import social.muse.server.processing.ValidationFailed;
import social.muse.server.processing.fedi.ActorUpdates;
import social.muse.server.processing.accounts.AccountProcessor.Member;
import social.muse.server.processing.media.MediaStore;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reading accounts and changing one's own profile, with Mastodon's limits. */
public final class ProfileProcessor {
    static final int DISPLAY_NAME_MAX = 30;
    static final int NOTE_MAX = 500;
    static final int FIELDS_MAX = 4;
    static final int FIELD_PART_MAX = 255;
    private static final Set<String> PRIVACY = Set.of("public", "unlisted", "private");

    /** What an update_credentials call asks to change; an empty Optional leaves that part alone. */
    public record ProfileChanges(Optional<String> displayName, Optional<String> note, Optional<List<ProfileField>> fields,
                                 Optional<Boolean> locked, Optional<Boolean> bot, Optional<Boolean> discoverable,
                                 Optional<Boolean> indexable, Optional<byte[]> avatar, Optional<byte[]> header,
                                 Optional<String> privacy, Optional<Boolean> sensitive, Optional<String> language) {
    }

    private final Jdbi jdbi;
    private final AccountDao accounts;
    private final UserDao users;
    private final MediaStore media;
    private final ApiConverter converter;
    private final MuseConfig.Media limits;
    private final ActorUpdates actorUpdates;

    public ProfileProcessor(Jdbi jdbi, AccountDao accounts, UserDao users, MediaStore media, ApiConverter converter,
                            MuseConfig.Media limits, ActorUpdates actorUpdates) {
        this.actorUpdates = actorUpdates;
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.users = users;
        this.media = media;
        this.converter = converter;
        this.limits = limits;
    }

    public Optional<AccountRow> byId(long id) {
        return jdbi.withHandle(h -> accounts.byId(h, id));
    }

    public Optional<AccountRow> byUsername(String username, String domain) {
        return jdbi.withHandle(h -> accounts.byUsername(h, username, domain));
    }

    public Member update(Member member, ProfileChanges c) {
        var issues = new ValidationFailed.Collector();
        c.displayName().filter(n -> n.codePointCount(0, n.length()) > DISPLAY_NAME_MAX).ifPresent(n ->
                issues.add("display_name", "ERR_TOO_LONG", "is too long (maximum is " + DISPLAY_NAME_MAX + " characters)"));
        c.note().filter(n -> n.codePointCount(0, n.length()) > NOTE_MAX).ifPresent(n ->
                issues.add("note", "ERR_TOO_LONG", "is too long (maximum is " + NOTE_MAX + " characters)"));
        c.fields().ifPresent(fields -> {
            if (fields.size() > FIELDS_MAX) {
                issues.add("fields", "ERR_TOO_LONG", "are too many (maximum is " + FIELDS_MAX + ")");
            }
            if (fields.stream().anyMatch(f -> f.name().length() > FIELD_PART_MAX || f.value().length() > FIELD_PART_MAX)) {
                issues.add("fields", "ERR_TOO_LONG", "have a name or value longer than " + FIELD_PART_MAX + " characters");
            }
        });
        c.privacy().filter(p -> !PRIVACY.contains(p)).ifPresent(p ->
                issues.add("source.privacy", "ERR_INCLUSION", "is not included in the list"));
        c.language().filter(l -> !l.isEmpty() && !l.matches("[a-z]{2,3}")).ifPresent(l ->
                issues.add("source.language", "ERR_INCLUSION", "is not included in the list"));
        issues.throwIfAny();

        AccountRow a = member.account();
        long id = a.id();
        String avatar = c.avatar().map(bytes -> media.storeImage("avatar", "avatars", id, bytes, limits.avatarMaxBytes()))
                .orElse(a.avatarFile());
        String header = c.header().map(bytes -> media.storeImage("header", "headers", id, bytes, limits.headerMaxBytes()))
                .orElse(a.headerFile());
        AccountRow changed = a.withProfile(
                c.displayName().map(String::strip).orElse(a.displayName()),
                c.note().map(PlainText::toHtml).orElse(a.note()),
                c.fields().map(converter::fieldsJson).orElse(a.fields()),
                c.locked().orElse(a.locked()),
                c.bot().orElse(a.bot()),
                c.discoverable().orElse(a.discoverable()),
                c.indexable().orElse(a.indexable()),
                avatar, header);
        var u = member.user();
        Member updated = jdbi.inTransaction(h -> {
            AccountRow saved = accounts.updateProfile(h, changed);
            actorUpdates.profileChanged(h, saved);
            users.updateSource(h, id, c.note().orElse(u.noteSource()), c.privacy().orElse(u.defaultPrivacy()),
                    c.sensitive().orElse(u.defaultSensitive()),
                    c.language().map(l -> l.isEmpty() ? null : l).orElse(u.defaultLanguage()));
            return new Member(saved, users.byAccountId(h, id).orElseThrow());
        });
        // Replaced images are deleted only once the new ones are committed.
        if (!java.util.Objects.equals(avatar, a.avatarFile())) {
            media.delete(a.avatarFile());
        }
        if (!java.util.Objects.equals(header, a.headerFile())) {
            media.delete(a.headerFile());
        }
        return updated;
    }
}
