package social.muse.server.convert;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import social.muse.server.db.AccountRow;
import social.muse.server.db.MediaDao;
import social.muse.server.http.mastodon.model.MediaAttachmentResponse;
import social.muse.server.db.OAuthDao.AppRow;
import social.muse.server.db.StatusCountsRow;
import social.muse.server.db.StatusEditDao.StatusEditRow;
import social.muse.server.db.StatusRow;
import social.muse.server.db.UserRow;
import social.muse.server.http.mastodon.model.AccountResponse;
import social.muse.server.http.mastodon.model.AccountResponse.FieldResponse;
import social.muse.server.http.mastodon.model.AccountResponse.RoleResponse;
import social.muse.server.http.mastodon.model.AccountResponse.SourceResponse;
import social.muse.server.http.mastodon.model.ApplicationResponse;
import social.muse.server.http.mastodon.model.StatusEditResponse;
import social.muse.server.http.mastodon.model.StatusResponse;
import social.muse.server.http.mastodon.model.StatusSourceResponse;
import social.muse.server.http.mastodon.model.TokenResponse;
import social.muse.server.processing.accounts.ProfileField;
import social.muse.server.processing.oauth.OAuthProcessor.IssuedToken;
import social.muse.server.processing.oauth.Scopes;
import social.muse.server.processing.social.StatusView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Domain rows to Mastodon client API entities. */
public final class ApiConverter {
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Uris uris;
    private final ObjectMapper mapper;

    public ApiConverter(Uris uris, ObjectMapper mapper) {
        this.uris = uris;
        this.mapper = mapper;
    }

    public static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    public List<ProfileField> fields(AccountRow account) {
        try {
            return mapper.readValue(account.fields(), new TypeReference<List<ProfileField>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable profile fields of account " + account.id(), e);
        }
    }

    public String fieldsJson(List<ProfileField> fields) {
        try {
            return mapper.writeValueAsString(fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public AccountResponse account(AccountRow a) {
        return account(a, null);
    }

    /** The caller's own account (CredentialAccount) when {@code user} is given. */
    public AccountResponse account(AccountRow a, UserRow user) {
        String avatar = a.avatarFile() == null ? uris.defaultAvatar() : uris.media(a.avatarFile());
        String header = a.headerFile() == null ? uris.defaultHeader() : uris.media(a.headerFile());
        List<ProfileField> fields = fields(a);
        List<FieldResponse> shownFields = fields.stream()
                .map(f -> new FieldResponse(social.muse.server.processing.accounts.PlainText.escape(f.name()),
                        social.muse.server.processing.accounts.PlainText.linkify(f.value()), null))
                .toList();
        SourceResponse source = null;
        RoleResponse role = null;
        if (user != null) {
            source = new SourceResponse(user.defaultPrivacy(), user.defaultSensitive(), user.defaultLanguage(),
                    user.noteSource(), fields.stream().map(f -> new FieldResponse(f.name(), f.value(), null)).toList(),
                    0, false, a.discoverable(), a.indexable(), null);
            role = role(user.role());
        }
        return new AccountResponse(
                Long.toString(a.id()),
                a.username(),
                a.isLocal() ? a.username() : a.username() + "@" + a.domain(),
                a.displayName(),
                a.locked(),
                a.bot(),
                a.discoverable(),
                a.indexable(),
                false,
                // Mastodon shows only the day an account was created.
                timestamp(a.createdAt().truncatedTo(ChronoUnit.DAYS)),
                a.note(),
                a.isLocal() ? uris.profile(a.username()) : a.url() != null ? a.url() : a.uri(),
                a.isLocal() ? uris.actor(a.username()) : a.uri(),
                avatar, avatar, header, header,
                0, 0, 0, null,
                false,
                !a.indexable(),
                List.of(),
                shownFields,
                List.of(),
                source,
                role);
    }

    static RoleResponse role(String role) {
        return switch (role) {
            case "owner" -> new RoleResponse("3", "Owner", "1", "", true);
            case "admin" -> new RoleResponse("2", "Admin", "1", "", true);
            case "moderator" -> new RoleResponse("1", "Moderator", "1300", "", true);
            default -> new RoleResponse("-99", "", "65536", "", false);
        };
    }

    /** A status just posted or deleted, which nobody has reacted to; {@code own} adds the source text only its author sees. */
    public StatusResponse status(StatusRow s, AccountRow author, boolean own) {
        return status(new StatusView(s, author, StatusCountsRow.NONE, null, List.of(), List.of(), List.of(), null), own);
    }

    /** A status with its counts and the viewer's own favourite and reblog; a reblog wraps the status it reblogs. */
    public StatusResponse status(StatusView view, boolean own) {
        StatusRow s = view.status();
        StatusCountsRow counts = view.counts();
        return new StatusResponse(
                Long.toString(s.id()), s.uri(), s.url(), timestamp(s.createdAt()), account(view.author()), s.content(),
                s.visibility(), s.sensitive(), s.spoilerText(),
                view.media().stream().<Object>map(this::mediaAttachment).toList(), null,
                view.mentions().stream().<Object>map(this::mention).toList(),
                view.tags().stream().<Object>map(name -> Map.of("name", name, "url", uris.tag(name))).toList(), List.of(),
                counts.reblogsCount(), counts.favouritesCount(), counts.repliesCount(),
                s.inReplyToId() == null ? null : Long.toString(s.inReplyToId()),
                view.inReplyToAccountId() == null ? null : Long.toString(view.inReplyToAccountId()),
                view.reblog() == null ? null : status(view.reblog(), false), null, null,
                s.language(), own ? s.textSource() : null, s.editedAt() == null ? null : timestamp(s.editedAt()),
                counts.favourited(), counts.reblogged(), false, counts.bookmarked(), counts.pinned(), List.of());
    }

    /** Mastodon's StatusMention: who a status mentions, by id, username, profile URL and acct. */
    private Map<String, Object> mention(AccountRow a) {
        AccountResponse account = account(a);
        Map<String, Object> mention = new java.util.LinkedHashMap<>();
        mention.put("id", account.id());
        mention.put("username", account.username());
        mention.put("url", account.url() != null ? account.url() : a.uri());
        mention.put("acct", account.acct());
        return mention;
    }

    /** An attachment: ours is served from /media, another server's from where it lives. */
    public MediaAttachmentResponse mediaAttachment(MediaDao.MediaRow m) {
        String url = m.file() != null ? uris.media(m.file()) : m.remoteUrl();
        Map<String, Object> meta = m.width() == null || m.height() == null ? null
                : Map.of("original", Map.of("width", m.width(), "height", m.height(),
                        "size", m.width() + "x" + m.height(), "aspect", (double) m.width() / m.height()));
        return new MediaAttachmentResponse(Long.toString(m.id()), m.type(), url, url, m.remoteUrl(), null, null, meta,
                m.description(), m.blurhash());
    }

    public StatusEditResponse statusEdit(StatusEditRow version, AccountRow author) {
        return new StatusEditResponse(version.content(), version.spoilerText(), version.sensitive(),
                timestamp(version.createdAt()), account(author), null, List.of(), List.of());
    }

    public StatusSourceResponse statusSource(StatusRow s) {
        return new StatusSourceResponse(Long.toString(s.id()), s.textSource() == null ? "" : s.textSource(), s.spoilerText());
    }

    /** How the viewer relates to account {@code accountId}. */
    public record Relation(boolean following, boolean followedBy, boolean requested, boolean requestedBy,
                           boolean blocking, boolean blockedBy, boolean muting, boolean mutingNotifications) {
    }

    public social.muse.server.http.mastodon.model.RelationshipResponse relationship(long accountId, Relation r) {
        return new social.muse.server.http.mastodon.model.RelationshipResponse(Long.toString(accountId), r.following(),
                r.following(), false, null, r.followedBy(), r.blocking(), r.blockedBy(), r.muting(),
                r.mutingNotifications(), r.requested(), r.requestedBy(), false, false, "");
    }

    public ApplicationResponse application(AppRow app, String clientSecret) {
        List<String> redirectUris = app.redirectUriList();
        return new ApplicationResponse(
                Long.toString(app.id()),
                app.name(),
                app.website(),
                Scopes.parse(app.scopes()).orElseThrow().list(),
                String.join("\n", redirectUris),
                redirectUris,
                clientSecret == null ? null : app.clientId(),
                clientSecret,
                clientSecret == null ? null : 0L,
                null);
    }

    public TokenResponse token(IssuedToken token) {
        return new TokenResponse(token.accessToken(), "Bearer", token.row().scopes(),
                token.row().createdAt().getEpochSecond(), token.refreshToken());
    }
}
