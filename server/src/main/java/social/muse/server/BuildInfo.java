package social.muse.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this build of Muse is: its version and where its source is published. Maven writes both into
 * {@code build.properties} from the root pom, the one place they are set.
 */
public record BuildInfo(String version, String sourceUrl) {
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
        return new BuildInfo(required(properties, "version"), required(properties, "source-url"));
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key, "").strip();
        if (value.isEmpty() || value.startsWith("${")) {
            throw new IllegalStateException(RESOURCE + " has no " + key + "; build Muse with Maven so resources are filtered");
        }
        return value;
    }
}
