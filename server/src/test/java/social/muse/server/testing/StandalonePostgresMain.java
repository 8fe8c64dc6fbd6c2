package social.muse.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Runs zonky's PostgreSQL on a cluster directory with no watchdog and no shutdown hook, the state a
 * crashed Muse leaves behind when nothing could stop its database. Prints READY once the server
 * accepts connections; stops it when standard input closes, so it never outlives the test JVM
 * unless killed.
 */
public final class StandalonePostgresMain {
    public static final String READY = "READY";

    private StandalonePostgresMain() {
    }

    public static void main(String[] args) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[0]))
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .start();
        System.out.println(READY + " " + postgres.getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // block until the test JVM closes the pipe
        }
        postgres.close();
    }
}
