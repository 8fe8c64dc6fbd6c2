package social.muse.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Node.js project under {@code interop/} in the source tree, as the tests use it: found upwards from
 * the working directory (server/ under Maven), its npm dependencies installed with {@code npm ci} when
 * they are missing or older than {@code package-lock.json} (so a fresh clone works; npm needs the
 * registry then), and its scripts run with their output in a temporary file.
 */
public final class NodeProject {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Path directory;

    private NodeProject(Path directory) {
        this.directory = directory;
    }

    /** {@code interop/<name>}, recognised by its {@code entryPoint} file, with its dependencies installed. */
    public static NodeProject installed(String name, String entryPoint) {
        NodeProject project = new NodeProject(find(name, entryPoint));
        project.installDependencies();
        return project;
    }

    public Path directory() {
        return directory;
    }

    /** A process in the project's directory with stdout and stderr going to {@code output}. */
    public ProcessBuilder process(Path output, List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        return builder;
    }

    /** How a script run ended: its exit code ({@code -1} when it was stopped for taking too long) and its output. */
    public record Run(int exitCode, String output) {
    }

    /** Runs {@code command} in the project's directory to its end, stopping it after {@code timeout}. */
    public Run run(String logPrefix, List<String> command, Map<String, String> env, Duration timeout) {
        Path output = tempFile(logPrefix, ".log");
        ProcessBuilder builder = process(output, command, env);
        try {
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return new Run(-1, "timed out after " + timeout + ":\n" + Files.readString(output));
            }
            return new Run(process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + builder.command() + " in " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path tempFile(String prefix, String suffix) {
        try {
            return Files.createTempFile(prefix, suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path find(String name, String entryPoint) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("interop").resolve(name);
            if (Files.isRegularFile(candidate.resolve(entryPoint))) {
                return candidate;
            }
        }
        throw new IllegalStateException("interop/" + name + "/" + entryPoint + " not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * Runs {@code npm ci} when node_modules lacks npm's record of an install ({@code .package-lock.json})
     * or that record is older than {@code package-lock.json}. One install at a time, for every project.
     */
    private void installDependencies() {
        synchronized (NodeProject.class) {
            if (upToDate()) {
                return;
            }
            Run npm = run(directory.getFileName() + "-npm-ci-", List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"),
                    Map.of(), INSTALL_TIMEOUT);
            if (npm.exitCode() != 0) {
                throw new IllegalStateException("npm ci in " + directory + " failed (is npm installed, is the registry reachable?) with "
                        + npm.exitCode() + ":\n" + npm.output());
            }
        }
    }

    private boolean upToDate() {
        Path installed = directory.resolve("node_modules").resolve(".package-lock.json");
        Path wanted = directory.resolve("package-lock.json");
        try {
            return Files.isRegularFile(installed)
                    && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(wanted)) >= 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
