package social.muse.admin.command;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import social.muse.admin.AdminCli;
import social.muse.admin.client.MuseClient;
import social.muse.admin.client.MuseClient.JsonResponse;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Is the server up, and which instance is it? Exit 0 only when the server reports itself healthy. */
@Command(name = "status", description = "Show the instance and its health; exit 1 when it is unhealthy or unreachable.")
public final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    private AdminCli root;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        MuseClient client = root.client();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        JsonResponse health = client.get("/observe/health");
        JsonResponse instance = client.get("/api/v2/instance");

        out.println("Server:    " + client.baseUri());
        if (instance.ok()) {
            JsonNode body = instance.body();
            out.println("Instance:  " + body.path("title").asText("(untitled)") + " (" + body.path("domain").asText("?") + ")");
            out.println("Version:   " + body.path("version").asText("unknown"));
            out.println("Users:     " + body.path("usage").path("users").path("active_month").asText("unknown")
                    + " active this month");
        } else {
            err.println("musectl: " + client.baseUri() + "/api/v2/instance answered HTTP " + instance.status()
                    + errorText(instance.body()));
        }

        String status = health.body().path("status").asText("UNKNOWN");
        List<String> failing = failingChecks(health.body());
        out.println("Health:    " + status + (failing.isEmpty() ? "" : " (failing: " + String.join(", ", failing) + ")"));
        boolean healthy = health.ok() && "UP".equals(status);
        if (!healthy) {
            err.println("musectl: the server reports itself unhealthy (HTTP " + health.status() + ", status " + status + ").");
        }
        return healthy ? AdminCli.OK : AdminCli.FAILED;
    }

    private static List<String> failingChecks(JsonNode health) {
        List<String> failing = new ArrayList<>();
        for (JsonNode check : health.path("checks")) {
            if (!"UP".equals(check.path("status").asText())) {
                failing.add(check.path("name").asText("unnamed check"));
            }
        }
        return failing;
    }

    private static String errorText(JsonNode body) {
        String error = body.path("error").asText("");
        return error.isEmpty() ? "." : ": " + error;
    }
}
