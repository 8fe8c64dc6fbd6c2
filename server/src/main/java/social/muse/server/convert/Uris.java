package social.muse.server.convert;

/** Mints every public URL of the instance; nothing else concatenates paths onto the base URL. */
public final class Uris {
    private final String baseUrl;

    public Uris(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String base() {
        return baseUrl;
    }

    public String absolute(String path) {
        return baseUrl + path;
    }

    /** The profile page of a local account. */
    public String profile(String username) {
        return baseUrl + "/@" + username;
    }

    /** The ActivityPub id of a local account. */
    public String actor(String username) {
        return baseUrl + "/users/" + username;
    }

    /** The id of a local actor's collection or endpoint: inbox, outbox, followers, following, featured. */
    public String actorPart(String username, String part) {
        return actor(username) + "/" + part;
    }

    public String sharedInbox() {
        return baseUrl + "/inbox";
    }

    public String rsaKeyId(String username) {
        return actor(username) + "#main-key";
    }

    public String ed25519KeyId(String username) {
        return actor(username) + "#ed25519-key";
    }

    /** The instance actor signs fetches and reports; Mastodon also places it at /actor. */
    public String instanceActor() {
        return baseUrl + "/actor";
    }

    /** The JSON-LD namespace of Muse's own terms on this instance. */
    public String namespace() {
        return baseUrl + "/ns#";
    }

    /** A hashtag's page; Mastodon links hashtags to {@code /tags/<name>}. */
    public String tag(String name) {
        return baseUrl + "/tags/" + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8);
    }

    public String status(String username, long statusId) {
        return actor(username) + "/statuses/" + statusId;
    }

    public String activity(String username, long activityId) {
        return actor(username) + "/activities/" + activityId;
    }

    public String media(String file) {
        return baseUrl + "/media/" + file;
    }

    public String defaultAvatar() {
        return baseUrl + "/static/avatar-missing.png";
    }

    public String defaultHeader() {
        return baseUrl + "/static/header-missing.png";
    }

    public String streaming() {
        return (baseUrl.startsWith("https:") ? "wss:" : "ws:") + baseUrl.substring(baseUrl.indexOf("//"));
    }
}
