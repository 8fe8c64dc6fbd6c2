package social.muse.server;

import io.helidon.logging.common.LogConfig;
import social.muse.server.config.ConfigException;
import social.muse.server.config.ConfigLoader;
import social.muse.server.config.MuseConfig;
import social.muse.server.processing.accounts.AccountProcessor;

/** Starts a Muse instance configured from application.yaml and MUSE_* environment variables. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        MuseConfig config;
        try {
            config = ConfigLoader.load(System.getenv());
        } catch (ConfigException e) {
            System.err.println("muse: " + e.getMessage());
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        MuseApp app;
        try {
            app = MuseApp.start(config);
        } catch (RuntimeException e) {
            System.err.println("muse: could not start: " + causes(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "muse-shutdown"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("%nMuse is running at %s (listening on %s:%d, data in %s; ready in %d ms).%n"
                        + "Press Ctrl+C to stop.%n%n",
                config.baseUrl(), config.bindAddress(), app.port(), config.dataDir(), millis);
        // Printed, never logged: the link is a secret, and it must show even with logging turned off.
        app.ownerSetupUrl().ifPresent(url -> System.out.printf(
                "No administrator yet. Create the owner account within %d hours at: %s%n%n",
                AccountProcessor.OWNER_SETUP_VALIDITY.toHours(), url));
    }

    /** The messages of an exception and its causes, which name what failed without a stack trace. */
    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
