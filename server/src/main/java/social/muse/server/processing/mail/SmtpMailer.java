package social.muse.server.processing.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import social.muse.server.config.MuseConfig;

import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Delivers mail through the configured SMTP server (Eclipse Angus Mail). A failed delivery is logged
 * and swallowed: mail is never the reason a sign-up or reset request fails, and the person can ask
 * for the link again. Neither the body (it carries a secret link) nor the password is ever logged.
 */
public final class SmtpMailer implements Mailer {
    private static final System.Logger LOG = System.getLogger("muse.mail");
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MuseConfig.Smtp smtp;
    private final Session session;
    private final InternetAddress from;

    /** {@code heloName} is the name this server gives itself in EHLO, normally the instance's host. */
    public SmtpMailer(MuseConfig.Smtp smtp, String heloName) {
        this.smtp = smtp;
        try {
            this.from = new InternetAddress(smtp.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("muse.smtp.from is not a valid address: " + e.getMessage(), e);
        }
        this.session = Session.getInstance(properties(smtp, heloName, from.getAddress()));
    }

    static Properties properties(MuseConfig.Smtp smtp, String heloName, String envelopeFrom) {
        Properties p = new Properties();
        String timeout = Long.toString(TIMEOUT.toMillis());
        p.setProperty("mail.transport.protocol", "smtp");
        p.setProperty("mail.smtp.host", smtp.host());
        p.setProperty("mail.smtp.port", Integer.toString(smtp.port()));
        p.setProperty("mail.smtp.connectiontimeout", timeout);
        p.setProperty("mail.smtp.timeout", timeout);
        p.setProperty("mail.smtp.writetimeout", timeout);
        p.setProperty("mail.smtp.localhost", heloName);
        p.setProperty("mail.smtp.from", envelopeFrom);
        p.setProperty("mail.from", envelopeFrom);
        p.setProperty("mail.smtp.auth", Boolean.toString(!smtp.user().isEmpty()));
        switch (smtp.security()) {
            case NONE -> {
            }
            case STARTTLS -> {
                p.setProperty("mail.smtp.starttls.enable", "true");
                // Without "required", a man in the middle could strip STARTTLS and read the password.
                p.setProperty("mail.smtp.starttls.required", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.setProperty("mail.smtp.ssl.enable", "true");
                p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return p;
    }

    @Override
    public void send(Mail mail) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
            message.setSubject(mail.subject(), "UTF-8");
            message.setText(mail.body(), "UTF-8");
            message.setSentDate(new Date());
            if (smtp.user().isEmpty()) {
                Transport.send(message);
            } else {
                Transport.send(message, smtp.user(), smtp.password());
            }
        } catch (MessagingException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not send mail \"" + mail.subject() + "\" to " + mail.to()
                    + " through " + smtp.host() + ":" + smtp.port() + ": " + describe(e));
        }
    }

    /** The failure and its causes, one line, without a stack trace that would repeat on every failed mail. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 5; depth++, t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    @Override
    public boolean delivers() {
        return true;
    }
}
