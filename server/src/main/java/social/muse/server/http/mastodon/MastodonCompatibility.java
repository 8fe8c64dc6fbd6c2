package social.muse.server.http.mastodon;

/**
 * Which level of the Mastodon client API Muse claims. Clients gate features on these numbers, so
 * they must only ever claim what is implemented; raise them together with the feature.
 */
public final class MastodonCompatibility {
    /**
     * The Mastodon version whose client API Muse is compatible with. 3.5.0 because Muse implements status edits
     * ({@code PUT /api/v1/statuses/:id}, {@code /history}, {@code /source}), which Ice Cubes and Mastodon Android offer
     * from 3.5, and what 3.4 added that apps use at sign-in ({@code /api/v1/accounts/lookup}, instance rules), but not
     * what 4.0 clients switch on: managing filters v2 (they are listed, empty, but cannot be created) and translation.
     * {@code /api/v2/instance} is served anyway (Ivory calls it whatever the version says); clients that only read it
     * from 4.0 fall back to {@code /api/v1/instance}, which is served in full. Raise to 4.x once filters v2 exist.
     */
    public static final String API_LEVEL = "3.5.0";

    /**
     * {@code api_versions.mastodon}. Mastodon added the field in 4.3, so any level above 0 claims a
     * 4.3-era API, and clients act on it: Mastodon Android switches to grouped notifications
     * ({@code /api/v2/notifications}) at 2. 0 says the same as an absent field, which is what a
     * 3.5-level server honestly is. Raise it together with {@link #API_LEVEL}.
     */
    public static final int API_VERSION = 0;

    private MastodonCompatibility() {
    }

    /** The instance {@code version} in the convention Pleroma, Akkoma and Pixelfed use. */
    public static String versionString(String museVersion) {
        return API_LEVEL + " (compatible; Muse " + museVersion + ")";
    }
}
