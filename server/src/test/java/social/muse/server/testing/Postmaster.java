package social.muse.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** What the operating system says about the PostgreSQL server of a cluster directory. */
public final class Postmaster {
    private Postmaster() {
    }

    /** The pid recorded in {@code <cluster>/postmaster.pid}, present while PostgreSQL runs on it. */
    public static OptionalLong recordedPid(Path clusterDir) {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return OptionalLong.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            return lines.isEmpty() || lines.get(0).isBlank()
                    ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid of the running postmaster of a cluster; fails when PostgreSQL does not run on it. */
    public static long runningPid(Path clusterDir) {
        long pid = recordedPid(clusterDir).orElseThrow(() -> new AssertionError("No postmaster.pid in " + clusterDir));
        if (!isRunning(pid)) {
            throw new AssertionError("postmaster.pid of " + clusterDir + " names pid " + pid + ", which is not a running postgres");
        }
        return pid;
    }

    /** True while {@code pid} is a live (not zombie) postgres process. */
    public static boolean isRunning(long pid) {
        boolean postgres = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().command())
                .map(command -> command.endsWith("postgres"))
                .orElse(false);
        return postgres && !isZombie(pid);
    }

    public static void awaitGone(long pid, Duration timeout) {
        Poll.until(timeout, () -> !isRunning(pid), () -> "postgres pid " + pid + " is still running");
    }

    /** Stops a postmaster a failed test left behind, so it does not outlive the test run. */
    public static void stopIfRunning(Path clusterDir) {
        recordedPid(clusterDir).ifPresent(pid -> {
            if (isRunning(pid)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
                awaitGone(pid, Duration.ofSeconds(30));
            }
        });
    }

    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat, StandardCharsets.UTF_8);
            // state is the field after the parenthesised command name
            return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }
}
