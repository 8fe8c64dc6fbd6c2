package social.muse.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running a main class of the test classpath, as a person would run the server:
 * its own process, environment and output. Only MUSE_* variables given here reach it, so the
 * environment of the test run cannot change what the child sees.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final String name;
    private final List<String> lines = new ArrayList<>();
    private boolean outputClosed;

    private ChildJvm(Process process, String name) {
        this.process = process;
        this.name = name;
        Thread reader = new Thread(this::readOutput, "output-of-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    public static ChildJvm start(Class<?> mainClass, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("MUSE_"));
        builder.environment().putAll(env);
        try {
            return new ChildJvm(builder.start(), mainClass.getSimpleName());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + command, e);
        }
    }

    /** The java launcher of this test JVM, so the child runs on the same JDK. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The first output line containing {@code fragment}; fails if the process ends or the time runs out first. */
    public synchronized String awaitLine(String fragment, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> line = lines.stream().filter(l -> l.contains(fragment)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            if (outputClosed) {
                throw new AssertionError(name + " ended its output (exit " + exitCode() + ") before printing '"
                        + fragment + "':\n" + output());
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new AssertionError(name + " did not print '" + fragment + "' within " + timeout.toSeconds()
                        + " s:\n" + output());
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + name, e);
            }
        }
    }

    /** Everything the process printed so far, stdout and stderr interleaved. */
    public synchronized String output() {
        return String.join("\n", lines);
    }

    /** Sends SIGTERM and waits for the exit; returns the exit code. */
    public int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Sends SIGKILL, so no shutdown hook runs, and waits for the exit. */
    public void kill(Duration timeout) {
        process.destroyForcibly();
        awaitExit(timeout);
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " (pid " + pid() + ") still runs after " + timeout.toSeconds() + " s:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting for " + name, e);
        }
    }

    /** Writes a line to the child's standard input. */
    public void send(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String exitCode() {
        return process.isAlive() ? "not yet" : Integer.toString(process.exitValue());
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the stream closes when the process is killed; whatever was read stays in lines
        } finally {
            synchronized (this) {
                outputClosed = true;
                notifyAll();
            }
        }
    }

    /** Kills the process if a test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }
}
