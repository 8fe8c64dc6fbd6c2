package social.muse.server.federation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.NodeProject;
import social.muse.server.testing.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real Mastodon client libraries from npm, masto and megalodon, each on its own, drive an app's whole
 * flow against two Muse instances: app registration, the sign-in form and the code exchange, resolving
 * and following a person on the other instance, the user stream, their mention arriving by stream, home
 * timeline and notifications, and a favourite going back to them ({@code interop/mastodon-clients}). The
 * script's JSON lines are printed, and every expected step must be reported ok for both libraries.
 */
class MastodonClientsIT {
    private static final List<String> LIBRARIES = List.of("masto", "megalodon");
    private static final List<String> STEPS = List.of(
            "register_app_a", "authorize_a", "token_a", "verify_credentials_a",
            "register_app_b", "authorize_b", "token_b", "verify_credentials_b",
            "resolve_remote", "follow", "stream_open", "local_post_streamed",
            "remote_post", "stream_update", "stream_notification", "home_timeline", "mention_notification",
            "favourite", "favourite_notification_b");
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestInstance a;
    private static TestInstance b;

    @BeforeAll
    static void start() {
        a = TestInstance.start();
        b = TestInstance.start();
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void mastoAndMegalodonDriveTheWholeFlowAcrossTwoInstances() throws JsonProcessingException {
        ObjectNode config = JSON.createObjectNode()
                .put("a", a.baseUrl())
                .put("b", b.baseUrl())
                .put("timeout_ms", FederationFixtures.WAIT.toMillis());
        ObjectNode accounts = config.putObject("accounts");
        for (String library : LIBRARIES) {
            ObjectNode pair = accounts.putObject(library);
            pair.set("local", credentials(new MastodonFixtures(a.http()).signUp("ann_" + library)));
            pair.set("remote", credentials(new MastodonFixtures(b.http()).signUp("ben_" + library)));
        }

        NodeProject project = NodeProject.installed("mastodon-clients", "conformance.mjs");
        NodeProject.Run run = project.run("mastodon-clients-", List.of("node", "conformance.mjs"),
                Map.of("CONFORMANCE_CONFIG", JSON.writeValueAsString(config)), RUN_TIMEOUT);

        System.out.println(run.output());
        Map<String, JsonNode> reported = steps(run.output());
        List<String> problems = new ArrayList<>();
        for (String library : LIBRARIES) {
            for (String step : STEPS) {
                JsonNode line = reported.get(library + " " + step);
                if (line == null) {
                    problems.add(library + " " + step + ": not reported");
                } else if (!line.path("ok").asBoolean()) {
                    problems.add(library + " " + step + ": " + line.path("detail").asText());
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems) + "\n--- node conformance.mjs (exit " + run.exitCode() + ") ---\n" + run.output());
        }
        assertEquals(0, run.exitCode(), run::output);
    }

    private static ObjectNode credentials(Person person) {
        return JSON.createObjectNode().put("username", person.username()).put("password", person.password());
    }

    /** The script's JSON lines by "library step"; other output (libraries' own logging) is skipped. */
    private static Map<String, JsonNode> steps(String output) {
        Map<String, JsonNode> steps = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            if (!line.startsWith("{")) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                if (node.has("library") && node.has("step")) {
                    steps.put(node.get("library").asText() + " " + node.get("step").asText(), node);
                }
            } catch (JsonProcessingException notOurs) {
                // a library's own line that happens to start with a brace
            }
        }
        return steps;
    }
}
