package social.muse.server.db;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Listens on one PostgreSQL NOTIFY channel over a connection of its own, in a virtual thread blocked in
 * {@link PGConnection#getNotifications(int)}, and hands each payload to {@code receiver}. A lost connection is
 * opened again after a pause; what was notified in between is lost, as with any NOTIFY.
 */
public final class ChannelListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChannelListener.class.getName());
    private static final int WAIT_MILLIS = 30_000;
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(2);

    /** Opens a connection outside the pool. */
    public interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;
    private final String channel;
    private final Consumer<String> receiver;
    private final CountDownLatch listening = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Connection connection;
    private Thread thread;

    public ChannelListener(Connector connector, String channel, Consumer<String> receiver) {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        this.connector = connector;
        this.channel = channel;
        this.receiver = receiver;
    }

    /** Starts listening; returns once the first LISTEN is in place (or {@code timeout} passed), so no event is missed after start. */
    public void start(Duration timeout) {
        thread = Thread.ofVirtual().name("muse-listen-" + channel).start(this::run);
        try {
            if (!listening.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "Not listening on " + channel + " yet; live events start when it is");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (closed.getCount() > 0) {
            try (Connection c = connector.open()) {
                connection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                listening.countDown();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (closed.getCount() > 0) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) {
                            receive(n.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (closed.getCount() == 0) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "Lost the " + channel + " listener connection; opening another", e);
                pause();
            }
        }
    }

    private void receive(String payload) {
        try {
            receiver.accept(payload);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not hand on " + channel + " event " + payload, e);
        }
    }

    private void pause() {
        try {
            closed.await(RECONNECT_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed.countDown();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        Connection c = connection;
        if (c != null) {
            try {
                // closes the socket without waiting for the lock the thread blocked in getNotifications holds
                c.abort(Runnable::run);
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.DEBUG, "Closing the " + channel + " listener connection failed", e);
            }
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
