package social.muse.server.http.ap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebFingerIT {
    private static TestInstance instance;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        http = instance.http();
        new MastodonFixtures(http).signUp("alice");
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void findsLocalPeopleByAcctBareNameAndUrls() {
        String domain = instance.app().config().domain();
        String actor = instance.baseUrl() + "/users/alice";
        for (String resource : new String[] {"acct:alice@" + domain, "alice@" + domain, "acct:ALICE@" + domain.toUpperCase(),
                actor, instance.baseUrl() + "/@alice"}) {
            TestHttp.Response r = http.get("/.well-known/webfinger?resource=" + URLEncoder.encode(resource, StandardCharsets.UTF_8));
            assertEquals(200, r.status(), resource + " " + r);
            assertTrue(r.header("Content-Type").orElse("").startsWith("application/jrd+json"));
            JsonNode jrd = r.json();
            assertEquals("acct:alice@" + domain, jrd.get("subject").asText());
            boolean selfLink = false;
            for (JsonNode link : jrd.get("links")) {
                selfLink |= link.get("rel").asText().equals("self") && link.get("type").asText().equals("application/activity+json")
                        && link.get("href").asText().equals(actor);
            }
            assertTrue(selfLink, jrd.toString());
        }
    }

    @Test
    void unknownPeopleAndOtherHostsAreNotFoundAndNonsenseIsABadRequest() {
        assertEquals(404, http.get("/.well-known/webfinger?resource=acct:nobody@" + instance.app().config().domain()).status());
        assertEquals(404, http.get("/.well-known/webfinger?resource=acct:alice@elsewhere.example").status());
        assertEquals(400, http.get("/.well-known/webfinger?resource=nonsense").status());
        assertEquals(400, http.get("/.well-known/webfinger").status());
    }

    @Test
    void suspendedPeopleAreGone() {
        new MastodonFixtures(http).signUp("gone");
        instance.app().database().jdbi().useHandle(h -> h.execute("UPDATE accounts SET suspended_at = now() WHERE username = 'gone'"));
        assertEquals(410, http.get("/.well-known/webfinger?resource=acct:gone@" + instance.app().config().domain()).status());
    }

    @Test
    void hostMetaPointsToWebFinger() {
        TestHttp.Response xrd = http.get("/.well-known/host-meta");
        assertEquals(200, xrd.status());
        assertTrue(xrd.body().contains("template=\"" + instance.baseUrl() + "/.well-known/webfinger?resource={uri}\""), xrd.body());
        JsonNode json = http.get("/.well-known/host-meta.json").json();
        assertEquals(instance.baseUrl() + "/.well-known/webfinger?resource={uri}", json.at("/links/0/template").asText());
    }
}
