package social.muse.server.federation;

import com.fasterxml.jackson.databind.JsonNode;
import social.muse.server.testing.Poll;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Steps of federation tests, through the Mastodon API as an app would drive them, plus database checks. */
final class FederationFixtures {
    static final Duration WAIT = Duration.ofSeconds(20);

    private FederationFixtures() {
    }

    /** Resolves {@code @user@host} (or an actor URL) on {@code instance} as a signed-in app does; returns the local account id. */
    static String resolve(TestInstance instance, String token, String query) {
        TestHttp.Response r = instance.http().get("/api/v2/search?type=accounts&resolve=true&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8), token);
        assertEquals(200, r.status(), r::toString);
        JsonNode accounts = r.json().get("accounts");
        assertEquals(1, accounts.size(), r::toString);
        return accounts.get(0).get("id").asText();
    }

    static JsonNode relationship(TestInstance instance, String token, String accountId) {
        return instance.http().get("/api/v1/accounts/relationships?id[]=" + accountId, token).json().get(0);
    }

    static JsonNode follow(TestInstance instance, String token, String accountId) {
        TestHttp.Response r = instance.http().postJson("/api/v1/accounts/" + accountId + "/follow", Map.of(), token);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    static JsonNode unfollow(TestInstance instance, String token, String accountId) {
        TestHttp.Response r = instance.http().postJson("/api/v1/accounts/" + accountId + "/unfollow", Map.of(), token);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    static String post(TestInstance instance, String token, String text, String visibility) {
        TestHttp.Response r = instance.http().postJson("/api/v1/statuses", Map.of("status", text, "visibility", visibility), token);
        assertEquals(200, r.status(), r::toString);
        return r.json().get("uri").asText();
    }

    static void delete(TestInstance instance, String token, String statusUri) {
        String id = statusUri.substring(statusUri.lastIndexOf('/') + 1);
        TestHttp.Response r = instance.http().send(instance.http().request("/api/v1/statuses/" + id)
                .header("Authorization", "Bearer " + token).DELETE());
        assertEquals(200, r.status(), r::toString);
    }

    static long count(TestInstance instance, String sql, Object... args) {
        return instance.app().database().jdbi().withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    static void execute(TestInstance instance, String sql, Object... args) {
        instance.app().database().jdbi().useHandle(h -> {
            var update = h.createUpdate(sql);
            for (int i = 0; i < args.length; i++) {
                update.bind(i, args[i]);
            }
            update.execute();
        });
    }

    static void await(String what, BooleanSupplier condition) {
        Poll.until(WAIT, condition, () -> what);
    }
}
