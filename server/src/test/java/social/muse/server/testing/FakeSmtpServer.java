package social.muse.server.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server on 127.0.0.1 speaking just enough of RFC 5321 (EHLO/HELO, AUTH PLAIN and LOGIN,
 * MAIL, RCPT, DATA, RSET, NOOP, QUIT) for Angus Mail to deliver to it. It records every message it
 * accepts. With credentials, it advertises AUTH and refuses mail from unauthenticated sessions.
 */
public final class FakeSmtpServer implements AutoCloseable {
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    /** One accepted message: the envelope and the raw RFC 5322 text as received (dot-unstuffed). */
    public record ReceivedMail(String envelopeFrom, List<String> recipients, String authenticatedUser, String raw) {
        public MimeMessage parse() {
            try {
                return new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
            } catch (MessagingException e) {
                throw new AssertionError("Unparsable mail: " + raw, e);
            }
        }

        public String subject() {
            try {
                return parse().getSubject();
            } catch (MessagingException e) {
                throw new AssertionError(e);
            }
        }

        /** The decoded plain-text body. */
        public String text() {
            try {
                return String.valueOf(parse().getContent());
            } catch (MessagingException | IOException e) {
                throw new AssertionError(e);
            }
        }

        /** The first link in the body that starts with {@code prefix}. */
        public String link(String prefix) {
            Matcher m = LINK.matcher(text());
            while (m.find()) {
                if (m.group().startsWith(prefix)) {
                    return m.group();
                }
            }
            throw new AssertionError("No link starting with " + prefix + " in: " + text());
        }
    }

    private final ServerSocket socket;
    private final Optional<Map.Entry<String, String>> credentials;
    private final List<ReceivedMail> received = new ArrayList<>();
    private final Thread acceptor;

    private FakeSmtpServer(Optional<Map.Entry<String, String>> credentials) {
        this.credentials = credentials;
        try {
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.acceptor = Thread.ofVirtual().name("fake-smtp-accept").start(this::acceptLoop);
    }

    /** A server that accepts mail from anyone. */
    public static FakeSmtpServer start() {
        return new FakeSmtpServer(Optional.empty());
    }

    /** A server that requires AUTH with these credentials. */
    public static FakeSmtpServer start(String user, String password) {
        return new FakeSmtpServer(Optional.of(Map.entry(user, password)));
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** The MUSE_SMTP_* variables that point an instance at this server. */
    public Map<String, String> env() {
        var env = new java.util.HashMap<String, String>(Map.of(
                "MUSE_SMTP_HOST", "127.0.0.1",
                "MUSE_SMTP_PORT", Integer.toString(port()),
                "MUSE_SMTP_FROM", "Muse <muse@muse.test>",
                "MUSE_SMTP_SECURITY", "none"));
        credentials.ifPresent(c -> {
            env.put("MUSE_SMTP_USER", c.getKey());
            env.put("MUSE_SMTP_PASSWORD", c.getValue());
        });
        return env;
    }

    public synchronized List<ReceivedMail> messages() {
        return List.copyOf(received);
    }

    public synchronized List<ReceivedMail> messagesTo(String recipient) {
        return received.stream().filter(m -> m.recipients().contains(recipient)).toList();
    }

    /** Waits, at most {@code timeout}, until {@code count} messages to {@code recipient} have arrived. */
    public synchronized List<ReceivedMail> awaitMessagesTo(String recipient, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messagesTo(recipient).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("Expected " + count + " mail(s) to " + recipient + " within " + timeout
                        + "; got " + messagesTo(recipient).size());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return messagesTo(recipient);
    }

    /** The first link starting with {@code prefix} in the {@code nth} (1-based) mail to {@code recipient}, waiting up to 10 s for it. */
    public String awaitLink(String recipient, int nth, String prefix) {
        return awaitMessagesTo(recipient, nth, Duration.ofSeconds(10)).get(nth - 1).link(prefix);
    }

    private synchronized void record(ReceivedMail mail) {
        received.add(mail);
        notifyAll();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().name("fake-smtp-session").start(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection;
             var in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = connection.getOutputStream()) {
            connection.setSoTimeout(15_000);
            new SmtpSession(in, out).run();
        } catch (SocketException e) {
            // The client hung up; nothing to record.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state of one connection. */
    private final class SmtpSession {
        private final BufferedReader in;
        private final OutputStream out;
        private String authenticatedUser;
        private String envelopeFrom;
        private final List<String> recipients = new ArrayList<>();

        SmtpSession(BufferedReader in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        void run() throws IOException {
            reply("220 fake-smtp.test ESMTP ready");
            String line;
            while ((line = in.readLine()) != null) {
                String upper = line.toUpperCase(Locale.ROOT);
                if (upper.startsWith("EHLO")) {
                    reset();
                    reply(credentials.isPresent()
                            ? "250-fake-smtp.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME"
                            : "250-fake-smtp.test\r\n250 8BITMIME");
                } else if (upper.startsWith("HELO")) {
                    reset();
                    reply("250 fake-smtp.test");
                } else if (upper.startsWith("AUTH PLAIN")) {
                    String initial = line.length() > "AUTH PLAIN ".length() ? line.substring("AUTH PLAIN ".length()).strip() : "";
                    if (initial.isEmpty()) {
                        reply("334 ");
                        initial = in.readLine();
                    }
                    String[] parts = decode(initial).split("\0", -1);
                    authenticate(parts.length == 3 ? parts[1] : "", parts.length == 3 ? parts[2] : "");
                } else if (upper.startsWith("AUTH LOGIN")) {
                    String initial = line.length() > "AUTH LOGIN ".length() ? line.substring("AUTH LOGIN ".length()).strip() : "";
                    if (initial.isEmpty()) {
                        reply("334 " + encode("Username:"));
                        initial = in.readLine();
                    }
                    String user = decode(initial);
                    reply("334 " + encode("Password:"));
                    authenticate(user, decode(in.readLine()));
                } else if (upper.startsWith("MAIL FROM:")) {
                    if (credentials.isPresent() && authenticatedUser == null) {
                        reply("530 5.7.0 Authentication required");
                    } else {
                        envelopeFrom = address(line);
                        recipients.clear();
                        reply("250 OK");
                    }
                } else if (upper.startsWith("RCPT TO:")) {
                    if (envelopeFrom == null) {
                        reply("503 5.5.1 MAIL first");
                    } else {
                        recipients.add(address(line));
                        reply("250 OK");
                    }
                } else if (upper.equals("DATA")) {
                    if (recipients.isEmpty()) {
                        reply("503 5.5.1 RCPT first");
                        continue;
                    }
                    reply("354 End data with <CR><LF>.<CR><LF>");
                    record(new ReceivedMail(envelopeFrom, List.copyOf(recipients), authenticatedUser, readData()));
                    reset();
                    reply("250 OK queued");
                } else if (upper.equals("RSET")) {
                    reset();
                    reply("250 OK");
                } else if (upper.equals("NOOP")) {
                    reply("250 OK");
                } else if (upper.equals("QUIT")) {
                    reply("221 Bye");
                    return;
                } else {
                    reply("502 5.5.2 Command not recognized");
                }
            }
        }

        private void authenticate(String user, String password) throws IOException {
            if (credentials.isPresent() && credentials.get().getKey().equals(user) && credentials.get().getValue().equals(password)) {
                authenticatedUser = user;
                reply("235 2.7.0 Authentication successful");
            } else {
                reply("535 5.7.8 Authentication credentials invalid");
            }
        }

        private String readData() throws IOException {
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null && !line.equals(".")) {
                data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
            }
            return data.toString();
        }

        private void reset() {
            envelopeFrom = null;
            recipients.clear();
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static String address(String command) {
        int open = command.indexOf('<');
        int close = command.indexOf('>', open + 1);
        return open >= 0 && close > open ? command.substring(open + 1, close) : command.substring(command.indexOf(':') + 1).strip();
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64 == null ? "" : base64.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(Duration.ofSeconds(5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
