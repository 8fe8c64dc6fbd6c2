package social.muse.server.http.mastodon;

import java.util.List;

/** Mastodon's {@code Instance} entity ({@code GET /api/v2/instance}). */
public record InstanceResponse(
        String domain,
        String title,
        String version,
        String sourceUrl,
        String description,
        Usage usage,
        Thumbnail thumbnail,
        List<Icon> icon,
        List<String> languages,
        Configuration configuration,
        Registrations registrations,
        ApiVersions apiVersions,
        Contact contact,
        List<RuleResponse> rules) {

    public record Usage(Users users) {
    }

    public record Users(long activeMonth) {
    }

    public record Thumbnail(String url, String description) {
    }

    /** {@code size} is "WIDTHxHEIGHT". */
    public record Icon(String src, String size) {
    }

    public record Configuration(
            Urls urls,
            Accounts accounts,
            Statuses statuses,
            MediaAttachments mediaAttachments,
            Polls polls,
            Translation translation) {
    }

    public record Urls(String streaming) {
    }

    public record Accounts(int maxFeaturedTags, int maxPinnedStatuses) {
    }

    public record Statuses(int maxCharacters, int maxMediaAttachments, int charactersReservedPerUrl) {
    }

    public record MediaAttachments(
            List<String> supportedMimeTypes,
            long imageSizeLimit,
            long imageMatrixLimit,
            long videoSizeLimit,
            int videoFrameRateLimit,
            long videoMatrixLimit) {
    }

    public record Polls(int maxOptions, int maxCharactersPerOption, int minExpiration, int maxExpiration) {
    }

    public record Translation(boolean enabled) {
    }

    /** {@code message} is shown when sign-up is closed and null otherwise; {@code url} is for external sign-up only. */
    public record Registrations(boolean enabled, boolean approvalRequired, String message, String url) {
    }

    public record ApiVersions(int mastodon) {
    }

    /** {@code email} is "" when none is configured, as Mastodon sends it; {@code account} is null until staff accounts can be named. */
    public record Contact(String email, Object account) {
    }
}
