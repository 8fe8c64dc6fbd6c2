package social.muse.server.http.mastodon;

import java.util.List;

/** Mastodon's {@code V1::Instance} entity ({@code GET /api/v1/instance}), still read by older clients and libraries. */
public record InstanceV1Response(
        String uri,
        String title,
        String shortDescription,
        String description,
        String email,
        String version,
        Urls urls,
        Stats stats,
        String thumbnail,
        List<String> languages,
        boolean registrations,
        boolean approvalRequired,
        boolean invitesEnabled,
        Configuration configuration,
        Object contactAccount,
        List<RuleResponse> rules) {

    /** {@code streaming_api} is the WebSocket base megalodon connects its streams to. */
    public record Urls(String streamingApi) {
    }

    public record Stats(long userCount, long statusCount, long domainCount) {
    }

    /** The v1 configuration: the v2 blocks without urls and translation. */
    public record Configuration(
            InstanceResponse.Accounts accounts,
            InstanceResponse.Statuses statuses,
            InstanceResponse.MediaAttachments mediaAttachments,
            InstanceResponse.Polls polls) {
    }
}
