package social.muse.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import social.muse.admin.client.MuseClient;
import social.muse.admin.command.StatusCommand;
import social.muse.admin.command.VersionCommand;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code musectl}: operates a Muse server through its HTTP API, never through its database. */
@Command(name = "musectl",
        description = "Operate a Muse server over its HTTP API.",
        subcommands = {StatusCommand.class, VersionCommand.class, CommandLine.HelpCommand.class},
        mixinStandardHelpOptions = true,
        versionProvider = MusectlVersion.class)
public final class AdminCli implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:MUSE_URL:-http://localhost:8080}",
            description = "The Muse server (default: $MUSE_URL or ${DEFAULT-VALUE}).")
    private String url;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:MUSE_TOKEN}",
            description = "An access token for commands that need one (default: $MUSE_TOKEN).")
    private String token;

    public static void main(String... args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs one command line and returns its exit code; every failure is a readable line on {@code err}. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new AdminCli());
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("musectl: " + (e instanceof CliException ? e.getMessage() : "unexpected error: " + e));
            return FAILED;
        });
        return commandLine.execute(args);
    }

    /** Without a subcommand there is nothing to do: show what there is. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public MuseClient client() {
        return MuseClient.create(url, token);
    }
}
