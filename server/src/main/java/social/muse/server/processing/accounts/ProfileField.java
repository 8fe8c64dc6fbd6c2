package social.muse.server.processing.accounts;

/** One name/value pair of a profile, stored as the person typed it; rendered to HTML only on the way out. */
public record ProfileField(String name, String value) {
}
