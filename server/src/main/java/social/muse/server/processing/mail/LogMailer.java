package social.muse.server.processing.mail;

/** The mailer of instances without SMTP: the administrator reads mail, links included, in the log. */
public final class LogMailer implements Mailer {
    private static final System.Logger LOG = System.getLogger("muse.mail");

    @Override
    public void send(Mail mail) {
        LOG.log(System.Logger.Level.INFO, "Mail (no SMTP configured) to " + mail.to() + ": " + mail.subject() + "\n" + mail.body());
    }

    @Override
    public boolean delivers() {
        return false;
    }
}
