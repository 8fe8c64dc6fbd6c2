package social.muse.server.processing.mail;

import org.junit.jupiter.api.Test;
import social.muse.server.config.MuseConfig;
import social.muse.server.testing.FakeSmtpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmtpMailerIT {
    private static MuseConfig.Smtp smtp(int port, String user, String password) {
        return new MuseConfig.Smtp("127.0.0.1", port, user, password, "Muse <muse@muse.test>", MuseConfig.SmtpSecurity.NONE);
    }

    @Test
    void deliversPlainTextMailWithEnvelopeAndHeaders() throws Exception {
        try (FakeSmtpServer server = FakeSmtpServer.start()) {
            new SmtpMailer(smtp(server.port(), "", ""), "muse.test")
                    .send(new Mail("ada@example.org", "Bienvenue à Muse", "Hello,\n.leading dot\nhttps://muse.test/x?token=abc\n"));

            List<FakeSmtpServer.ReceivedMail> mails = server.awaitMessagesTo("ada@example.org", 1, Duration.ofSeconds(10));
            FakeSmtpServer.ReceivedMail mail = mails.getFirst();
            assertEquals("muse@muse.test", mail.envelopeFrom());
            assertEquals("Bienvenue à Muse", mail.subject());
            assertEquals("Hello,\r\n.leading dot\r\nhttps://muse.test/x?token=abc\r\n", mail.text().replaceAll("(?<!\r)\n", "\r\n"));
            assertEquals("Muse <muse@muse.test>", mail.parse().getFrom()[0].toString());
            assertTrue(mail.parse().getContentType().startsWith("text/plain"), mail.parse().getContentType());
        }
    }

    @Test
    void authenticatesWhenAUserIsConfigured() {
        try (FakeSmtpServer server = FakeSmtpServer.start("muse-mailer", "s3cret-pass")) {
            new SmtpMailer(smtp(server.port(), "muse-mailer", "s3cret-pass"), "muse.test")
                    .send(new Mail("bob@example.org", "Hi", "Body"));

            assertEquals("muse-mailer",
                    server.awaitMessagesTo("bob@example.org", 1, Duration.ofSeconds(10)).getFirst().authenticatedUser());
        }
    }

    @Test
    void aRefusedLoginIsLoggedNotThrown() {
        try (FakeSmtpServer server = FakeSmtpServer.start("muse-mailer", "right")) {
            new SmtpMailer(smtp(server.port(), "muse-mailer", "wrong"), "muse.test")
                    .send(new Mail("bob@example.org", "Hi", "Body"));

            assertEquals(List.of(), server.messages());
        }
    }

    @Test
    void anUnreachableServerIsLoggedNotThrown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long started = System.nanoTime();
        new SmtpMailer(smtp(closedPort, "", ""), "muse.test").send(new Mail("bob@example.org", "Hi", "Body"));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(SmtpMailer.TIMEOUT.multipliedBy(2)) < 0);
    }

    @Test
    void startTlsIsRequiredNotOptional() {
        var properties = SmtpMailer.properties(new MuseConfig.Smtp("smtp.example.org", 587, "u", "p", "m@example.org",
                MuseConfig.SmtpSecurity.STARTTLS), "muse.example", "m@example.org");
        assertEquals("true", properties.getProperty("mail.smtp.starttls.required"));
        assertEquals("true", properties.getProperty("mail.smtp.auth"));
        assertEquals("10000", properties.getProperty("mail.smtp.timeout"));
        assertEquals("10000", properties.getProperty("mail.smtp.connectiontimeout"));
    }
}
