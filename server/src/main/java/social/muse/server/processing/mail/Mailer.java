package social.muse.server.processing.mail;

/** Sends mail. Without SMTP settings, the instance writes mail to its log instead. */
public interface Mailer {
    void send(Mail mail);

    /** Whether mail really reaches people; without it, e-mail addresses are taken as confirmed. */
    boolean delivers();
}
