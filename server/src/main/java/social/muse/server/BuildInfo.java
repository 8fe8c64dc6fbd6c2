package social.muse.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build of Muse is: its version, which Maven writes into {@code build.properties} from the
 * root pom, the one place it is set.
 */
public record BuildInfo(String version) {
    private static final String RESOURCE = "build.properties";

    public static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The build is missing " + RESOURCE + " next to " + BuildInfo.class.getName());
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(required(properties, "version"));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        if (value.isEmpty() || value.startsWith("${")) {
            throw new IllegalStateException(RESOURCE + " has no " + key + "; build Muse with Maven so resources are filtered");
        }
        return value;
    }
}
