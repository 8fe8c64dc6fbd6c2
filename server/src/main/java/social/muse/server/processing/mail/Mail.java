package social.muse.server.processing.mail;

/** A plain-text message to one recipient. */
public record Mail(String to, String subject, String body) {
}
