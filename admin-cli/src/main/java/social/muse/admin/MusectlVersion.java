package social.muse.admin;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version Maven writes into musectl.properties at build time. */
public final class MusectlVersion implements CommandLine.IVersionProvider {
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = MusectlVersion.class.getResourceAsStream("musectl.properties")) {
            if (in == null) {
                throw new IllegalStateException("musectl.properties is missing from the build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"musectl " + version()};
    }
}
