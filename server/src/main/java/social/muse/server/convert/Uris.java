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
