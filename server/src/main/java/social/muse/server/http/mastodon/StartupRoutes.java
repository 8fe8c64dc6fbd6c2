package social.muse.server.http.mastodon;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.jdbi.v3.core.Jdbi;
import social.muse.server.convert.ApiConverter;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.MarkerDao;
import social.muse.server.http.IdText;
import social.muse.server.http.RequestParams;
import social.muse.server.http.Responses;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.processing.accounts.AccountProcessor.Member;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Mastodon apps ask right after signing in. Real data where Muse has it (preferences, markers, who to follow);
 * valid empty answers for features Muse does not have (lists, filters, announcements, followed tags, trends,
 * conversations), so apps start cleanly instead of failing on a 404.
 */
public final class StartupRoutes implements HttpService {
    private static final List<String> TIMELINES = List.of("home", "notifications");
    private static final int SUGGESTIONS = 40;
    private static final int MAX_SUGGESTIONS = 80;

    private final Jdbi jdbi;
    private final AccountDao accounts;
    private final MarkerDao markers;
    private final Authenticator authenticator;
    private final ApiConverter converter;
    private final Responses responses;

    public StartupRoutes(Jdbi jdbi, AccountDao accounts, MarkerDao markers, Authenticator authenticator,
                         ApiConverter converter, Responses responses) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.markers = markers;
        this.authenticator = authenticator;
        this.converter = converter;
        this.responses = responses;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/api/v1/preferences", this::preferences)
                .get("/api/v1/markers", this::markers)
                .post("/api/v1/markers", this::saveMarkers)
                .get("/api/v2/suggestions", (req, res) -> suggestions(req, res, true))
                .get("/api/v1/suggestions", (req, res) -> suggestions(req, res, false))
                .get("/api/v1/lists", (req, res) -> empty(req, res, "read:lists"))
                .get("/api/v1/lists/{id}", (req, res) -> {
                    member(req, "read:lists");
                    throw MastodonException.notFound();
                })
                .get("/api/v1/accounts/{id}/lists", this::listsWithAccount)
                .get("/api/v1/filters", (req, res) -> empty(req, res, "read:filters"))
                .get("/api/v2/filters", (req, res) -> empty(req, res, "read:filters"))
                .get("/api/v1/announcements", (req, res) -> empty(req, res, "read"))
                .get("/api/v1/followed_tags", (req, res) -> empty(req, res, "read:follows"))
                .get("/api/v1/conversations", (req, res) -> empty(req, res, "read:statuses"))
                .get("/api/v1/scheduled_statuses", (req, res) -> empty(req, res, "read:statuses"))
                .get("/api/v1/domain_blocks", (req, res) -> empty(req, res, "read:blocks"))
                .get("/api/v1/endorsements", (req, res) -> empty(req, res, "read:accounts"))
                .get("/api/v1/featured_tags", (req, res) -> empty(req, res, "read:accounts"))
                .get("/api/v1/trends", (req, res) -> responses.json(res, List.of()))
                .get("/api/v1/trends/tags", (req, res) -> responses.json(res, List.of()))
                .get("/api/v1/trends/statuses", (req, res) -> responses.json(res, List.of()))
                .get("/api/v1/trends/links", (req, res) -> responses.json(res, List.of()));
    }

    private void preferences(ServerRequest req, ServerResponse res) {
        Member me = authenticator.requireMember(req, "read:accounts").requireMember();
        Map<String, Object> preferences = new LinkedHashMap<>();
        preferences.put("posting:default:visibility", me.user().defaultPrivacy());
        preferences.put("posting:default:sensitive", me.user().defaultSensitive());
        preferences.put("posting:default:language", me.user().defaultLanguage());
        preferences.put("reading:expand:media", "default");
        preferences.put("reading:expand:spoilers", false);
        preferences.put("reading:autoplay:gifs", false);
        responses.json(res, preferences);
    }

    private void markers(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "read:statuses");
        List<String> asked = RequestParams.read(req, responses.mapper(), 0).strings("timeline").stream()
                .filter(TIMELINES::contains).toList();
        responses.json(res, markersOf(me, asked.isEmpty() ? TIMELINES : asked));
    }

    private Map<String, Object> markersOf(AccountRow me, List<String> timelines) {
        Map<String, Object> answer = new LinkedHashMap<>();
        jdbi.withHandle(h -> markers.markers(h, me.id(), timelines))
                .forEach(m -> answer.put(m.timeline(), Map.of("last_read_id", m.lastReadId(), "version", m.version(),
                        "updated_at", ApiConverter.timestamp(m.updatedAt()))));
        return answer;
    }

    /** {@code home[last_read_id]} and {@code notifications[last_read_id]}, form or JSON. */
    private void saveMarkers(ServerRequest req, ServerResponse res) {
        AccountRow me = member(req, "write:statuses");
        RequestParams params = RequestParams.read(req, responses.mapper(), 0);
        jdbi.useTransaction(h -> {
            for (String timeline : TIMELINES) {
                params.string(timeline + "[last_read_id]").filter(id -> !id.isBlank())
                        .ifPresent(id -> markers.save(h, me.id(), timeline, id));
            }
        });
        responses.json(res, markersOf(me, TIMELINES));
    }

    private void suggestions(ServerRequest req, ServerResponse res, boolean v2) {
        AccountRow me = member(req, "read");
        int limit = Paging.query(req, SUGGESTIONS, MAX_SUGGESTIONS).limit();
        List<AccountRow> found = jdbi.withHandle(h -> accounts.suggestions(h, me.id(), limit));
        // Mastodon reports its "featured" source as "staff" in the older field
        responses.json(res, found.stream()
                .map(a -> v2 ? Map.of("source", "staff", "sources", List.of("featured"), "account", converter.account(a))
                        : converter.account(a))
                .toList());
    }

    /** The caller's lists that hold the account: none, as Muse has no lists yet, but the account must exist. */
    private void listsWithAccount(ServerRequest req, ServerResponse res) {
        member(req, "read:lists");
        IdText.parse(req.path().pathParameters().get("id"))
                .flatMap(id -> jdbi.withHandle(h -> accounts.byId(h, id)))
                .filter(a -> a.suspendedAt() == null && a.deletedAt() == null)
                .orElseThrow(MastodonException::notFound);
        responses.json(res, List.of());
    }

    private void empty(ServerRequest req, ServerResponse res, String scope) {
        member(req, scope);
        responses.json(res, List.of());
    }

    private AccountRow member(ServerRequest req, String scope) {
        return authenticator.requireMember(req, scope).requireMember().account();
    }
}
