package social.muse.server.http.mastodon.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Mastodon's Account entity; {@code source} and {@code role} are present only on the caller's own
 * account (CredentialAccount).
 */
public record AccountResponse(
        String id,
        String username,
        String acct,
        String displayName,
        boolean locked,
        boolean bot,
        Boolean discoverable,
        boolean indexable,
        boolean group,
        String createdAt,
        String note,
        String url,
        String uri,
        String avatar,
        String avatarStatic,
        String header,
        String headerStatic,
        long followersCount,
        long followingCount,
        long statusesCount,
        String lastStatusAt,
        boolean hideCollections,
        boolean noindex,
        List<Object> emojis,
        List<FieldResponse> fields,
        List<RoleResponse> roles,
        @JsonInclude(JsonInclude.Include.NON_NULL) SourceResponse source,
        @JsonInclude(JsonInclude.Include.NON_NULL) RoleResponse role) {

    public record FieldResponse(String name, String value, String verifiedAt) {
    }

    public record SourceResponse(String privacy, boolean sensitive, String language, String note,
                                 List<FieldResponse> fields, long followRequestsCount, boolean hideCollections,
                                 boolean discoverable, boolean indexable, String attributionDomains) {
    }

    public record RoleResponse(String id, String name, String permissions, String color, boolean highlighted) {
    }
}
