package social.muse.admin.command;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import social.muse.admin.AdminCli;
import social.muse.admin.MusectlVersion;

import java.util.concurrent.Callable;

@Command(name = "version", description = "Print the version of musectl.")
public final class VersionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("musectl " + MusectlVersion.version());
        return AdminCli.OK;
    }
}
