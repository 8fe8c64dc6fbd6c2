package social.muse.server.http.mastodon;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import social.muse.server.BuildInfo;
import social.muse.server.config.MuseConfig;
import social.muse.server.http.Responses;
import social.muse.server.processing.instance.InstanceProcessor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a Mastodon app reads about the server before and right after sign-in: {@code /api/v2/instance}
 * and {@code /api/v1/instance}, the instance's rules, peers, weekly activity and about text, custom
 * emojis, and the default thumbnail and icons those documents link to. All public, no token needed.
 */
public final class InstanceRoutes implements HttpService {
    /** Mastodon's status limits are 500 characters; reviews need room, so Muse allows 5000. */
    static final InstanceResponse.Statuses STATUS_LIMITS = new InstanceResponse.Statuses(5000, 4, 23);
    /**
     * Mastodon's defaults; these features arrive with statuses and profiles later, and the limits
     * are what Muse will enforce then. Their availability is signalled by the API level, not here.
     */
    static final InstanceResponse.Accounts ACCOUNT_LIMITS = new InstanceResponse.Accounts(10, 5);
    static final InstanceResponse.Polls POLL_LIMITS = new InstanceResponse.Polls(4, 50, 300, 2_629_746);
    /** Still images only: Muse is not a video or audio host (music is linked, not uploaded). */
    static final List<String> IMAGE_TYPES = List.of("image/jpeg", "image/png", "image/gif", "image/webp");
    /** 4096 × 4096: a hint for clients to scale images down before uploading them. */
    static final long IMAGE_MATRIX_LIMIT = 4096L * 4096L;
    /** The staff write in English, and the server's own pages are English. */
    static final List<String> LANGUAGES = List.of("en");
    static final String CLOSED_MESSAGE = "This server is not accepting new accounts.";

    private static final Map<String, Image> IMAGES = Map.of(
            "thumbnail.png", new Image("thumbnail.png", 1200, 630),
            "icon-192.png", new Image("icon-192.png", 192, 192),
            "icon-512.png", new Image("icon-512.png", 512, 512));
    private static final String IMAGE_PATH = "/instance/";

    private final MuseConfig config;
    private final BuildInfo build;
    private final InstanceProcessor instance;
    private final Responses responses;
    /** The description comes from configuration, so it last changed when this server started. */
    private final Instant configuredAt;
    private final Map<String, byte[]> imageBytes;

    private record Image(String file, int width, int height) {
        String size() {
            return width + "x" + height;
        }
    }

    public InstanceRoutes(MuseConfig config, BuildInfo build, InstanceProcessor instance, Responses responses, Instant configuredAt) {
        this.config = config;
        this.build = build;
        this.instance = instance;
        this.responses = responses;
        this.configuredAt = configuredAt.truncatedTo(ChronoUnit.MILLIS);
        this.imageBytes = IMAGES.keySet().stream().collect(Collectors.toUnmodifiableMap(f -> f, InstanceRoutes::readImage));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v2/instance", this::instanceV2)
                .get("/api/v1/instance", this::instanceV1)
                .get("/api/v1/instance/rules", (req, res) -> publicJson(res, rules()))
                .get("/api/v1/instance/peers", (req, res) -> publicJson(res, instance.peers()))
                .get("/api/v1/instance/activity", this::activity)
                .get("/api/v1/instance/extended_description", this::extendedDescription)
                // Custom emojis are not supported yet; an empty list is the true answer.
                .get("/api/v1/custom_emojis", (req, res) -> publicJson(res, List.of()))
                .get(IMAGE_PATH + "{file}", this::image);
    }

    private void instanceV2(ServerRequest req, ServerResponse res) {
        var stats = instance.stats();
        var registrations = config.registrations();
        publicJson(res, new InstanceResponse(
                config.domain(),
                config.instance().title(),
                MastodonCompatibility.versionString(build.version()),
                // Apps require a URI here; without an operator's source URL the instance's own address claims nothing false.
                config.instance().sourceUrl().isEmpty() ? config.baseUrl() : config.instance().sourceUrl(),
                config.instance().description(),
                new InstanceResponse.Usage(new InstanceResponse.Users(stats.activeMonth())),
                new InstanceResponse.Thumbnail(imageUrl("thumbnail.png"), "A vinyl record on a purple-to-pink gradient"),
                List.of(icon("icon-192.png"), icon("icon-512.png")),
                LANGUAGES,
                new InstanceResponse.Configuration(
                        new InstanceResponse.Urls(streamingUrl()),
                        ACCOUNT_LIMITS,
                        STATUS_LIMITS,
                        mediaLimits(),
                        POLL_LIMITS,
                        new InstanceResponse.Translation(false)),
                new InstanceResponse.Registrations(
                        registrations != MuseConfig.Registrations.CLOSED,
                        registrations == MuseConfig.Registrations.APPROVAL,
                        registrations == MuseConfig.Registrations.CLOSED ? CLOSED_MESSAGE : null,
                        null),
                new InstanceResponse.ApiVersions(MastodonCompatibility.API_VERSION),
                new InstanceResponse.Contact(config.instance().contactEmail(), null),
                rules()));
    }

    private void instanceV1(ServerRequest req, ServerResponse res) {
        var stats = instance.stats();
        var registrations = config.registrations();
        publicJson(res, new InstanceV1Response(
                config.domain(),
                config.instance().title(),
                config.instance().description(),
                // Since Mastodon 4.0 the v1 description is the short, plain-text one too.
                config.instance().description(),
                config.instance().contactEmail(),
                MastodonCompatibility.versionString(build.version()),
                new InstanceV1Response.Urls(streamingUrl()),
                new InstanceV1Response.Stats(stats.users(), stats.localPosts(), stats.knownDomains()),
                imageUrl("thumbnail.png"),
                LANGUAGES,
                registrations != MuseConfig.Registrations.CLOSED,
                registrations == MuseConfig.Registrations.APPROVAL,
                // Invite codes can be redeemed at sign-up, but nobody can create one through the API yet.
                false,
                new InstanceV1Response.Configuration(ACCOUNT_LIMITS, STATUS_LIMITS, mediaLimits(), POLL_LIMITS),
                null,
                rules()));
    }

    private void activity(ServerRequest req, ServerResponse res) {
        publicJson(res, instance.weeklyActivity().stream()
                .map(w -> new InstanceActivityResponse(
                        Long.toString(w.weekStart().getEpochSecond()),
                        Long.toString(w.statuses()),
                        Long.toString(w.logins()),
                        Long.toString(w.registrations())))
                .toList());
    }

    private void extendedDescription(ServerRequest req, ServerResponse res) {
        publicJson(res, new ExtendedDescriptionResponse(configuredAt, paragraphs(config.instance().description())));
    }

    private void image(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        byte[] bytes = imageBytes.get(file);
        if (bytes == null) {
            res.status(404).header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8").send("Not found");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "image/png")
                .header(HeaderNames.CACHE_CONTROL, "public, max-age=86400");
        res.send(bytes);
    }

    /** Server rules are not configurable yet, so there are none. */
    private static List<RuleResponse> rules() {
        return List.of();
    }

    private InstanceResponse.MediaAttachments mediaLimits() {
        long imageSizeLimit = Math.max(config.media().avatarMaxBytes(), config.media().headerMaxBytes());
        // No video uploads: zero limits say so without leaving out fields clients require.
        return new InstanceResponse.MediaAttachments(IMAGE_TYPES, imageSizeLimit, IMAGE_MATRIX_LIMIT, 0, 0, 0);
    }

    private String streamingUrl() {
        return (config.publicScheme().equals("https") ? "wss" : "ws") + "://" + config.domain();
    }

    private String imageUrl(String file) {
        return config.baseUrl() + IMAGE_PATH + file;
    }

    private InstanceResponse.Icon icon(String file) {
        return new InstanceResponse.Icon(imageUrl(file), IMAGES.get(file).size());
    }

    private void publicJson(ServerResponse res, Object body) {
        responses.json(res, body);
    }

    /** Plain text as HTML paragraphs: blank lines separate paragraphs, everything is escaped. */
    static String paragraphs(String text) {
        StringBuilder html = new StringBuilder();
        for (String paragraph : text.strip().split("\\R\\s*\\R")) {
            if (paragraph.isBlank()) {
                continue;
            }
            html.append("<p>");
            paragraph.strip().codePoints().forEach(c -> {
                switch (c) {
                    case '&' -> html.append("&amp;");
                    case '<' -> html.append("&lt;");
                    case '>' -> html.append("&gt;");
                    case '"' -> html.append("&quot;");
                    case '\'' -> html.append("&#39;");
                    case '\n' -> html.append("<br>");
                    case '\r' -> { }
                    default -> html.appendCodePoint(c);
                }
            });
            html.append("</p>");
        }
        return html.toString();
    }

    private static byte[] readImage(String file) {
        try (InputStream in = InstanceRoutes.class.getResourceAsStream("/instance/" + file)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource /instance/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
