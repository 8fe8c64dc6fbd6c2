package social.muse.server.config;

/** Invalid configuration; the message names the key and the environment variable that sets it. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
