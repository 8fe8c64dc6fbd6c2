package social.muse.server.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import social.muse.federation.keys.SigningKey;
import social.muse.federation.signature.Headers;
import social.muse.federation.signature.HttpSigner;
import social.muse.federation.signature.Scheme;
import social.muse.federation.signature.SignedRequest;
import social.muse.federation.transport.FetchOptions;
import social.muse.federation.transport.FetchResponse;
import social.muse.federation.transport.RequestSigner;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.http.Json;
import social.muse.server.testing.MastodonFixtures;
import social.muse.server.testing.MastodonFixtures.Person;
import social.muse.server.testing.TestHttp;
import social.muse.server.testing.Poll;
import social.muse.server.testing.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static social.muse.server.federation.FederationFixtures.await;

/**
 * Instance A runs in authorized-fetch mode; instance B does not. Signed GETs are made by B's own signing code
 * (its instance actor's or a person's keys, as B signs every fetch), and A verifies them by fetching B's keys
 * over HTTP, as with any peer.
 */
class AuthorizedFetchIT {
    private static final String AP = "application/activity+json";

    private static TestInstance a;
    private static TestInstance b;
    private static Person alice;
    private static Person bob;

    @BeforeAll
    static void start() {
        a = TestInstance.start(Map.of("MUSE_FEDERATION_AUTHORIZED_FETCH", "true"));
        b = TestInstance.start();
        alice = new MastodonFixtures(a.http()).signUp("alice");
        bob = new MastodonFixtures(b.http()).signUp("bob");
        new MastodonFixtures(b.http()).signUp("carol");
        // B resolves alice with a GET signed by its instance actor, and alice accepts bob's follow.
        String aliceOnB = FederationFixtures.resolve(b, bob.accessToken(), "@alice@" + a.app().config().domain());
        FederationFixtures.follow(b, bob.accessToken(), aliceOnB);
        await("A accepts bob's follow and B records it",
                () -> FederationFixtures.relationship(b, bob.accessToken(), aliceOnB).get("following").asBoolean());
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    void unsignedFetchesOfDocumentsUnderUsersAreUnauthorized() {
        String note = FederationFixtures.post(a, alice.accessToken(), "Public: Court and Spark", "public");
        for (String url : List.of(a.baseUrl() + "/users/alice/outbox", a.baseUrl() + "/users/alice/outbox?page=true",
                a.baseUrl() + "/users/alice/followers", a.baseUrl() + "/users/alice/featured", note)) {
            TestHttp.Response r = unsigned(url, AP);
            assertEquals(401, r.status(), () -> url + ": " + r);
            assertTrue(r.header("Content-Type").orElse("").startsWith("text/plain"), r::toString);
        }
    }

    @Test
    void anUnsignedActorFetchGetsOnlyWhatVerifyingAndDeliveringNeed() {
        JsonNode actor = unsigned(a.baseUrl() + "/users/alice", AP).json();

        assertEquals(Set.of("@context", "id", "type", "preferredUsername", "inbox", "endpoints", "publicKey", "assertionMethod"),
                fieldNames(actor));
        assertEquals(a.baseUrl() + "/users/alice", actor.get("id").asText());
        assertEquals(a.baseUrl() + "/users/alice#main-key", actor.at("/publicKey/id").asText());
        assertEquals(a.baseUrl() + "/inbox", actor.at("/endpoints/sharedInbox").asText());
    }

    @Test
    void whatServersNeedBeforeTheyCanSignStaysOpen() {
        JsonNode instanceActor = unsigned(a.baseUrl() + "/actor", AP).json();
        assertTrue(instanceActor.has("publicKey") && instanceActor.has("outbox"), instanceActor::toString);
        assertEquals(200, unsigned(a.baseUrl() + "/ns", AP).status());
        assertEquals(200, a.http().get("/.well-known/webfinger?resource=acct:alice@" + a.app().config().domain()).status());
        assertEquals(200, a.http().get("/.well-known/host-meta").status());
        assertEquals(200, a.http().get("/.well-known/nodeinfo").status());

        TestHttp.Response browser = unsigned(a.baseUrl() + "/users/alice", "text/html");
        assertEquals(303, browser.status(), browser::toString);
        assertEquals(Optional.of(a.baseUrl() + "/@alice"), browser.header("Location"));
        String note = FederationFixtures.post(a, alice.accessToken(), "Public: Hejira", "public");
        assertEquals(303, unsigned(note, "text/html").status());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void fetchesSignedByAnotherInstancesActorAreServed(Scheme scheme) {
        AccountRow instanceActor = b.app().federation().localActors().instanceActor();
        String note = FederationFixtures.post(a, alice.accessToken(), "Public: The Hissing of Summer Lawns", "public");

        var actor = signedGet(instanceActor, scheme, a.baseUrl() + "/users/alice");
        assertEquals(200, actor.status(), actor::toString);
        assertTrue(json(actor).has("outbox") && json(actor).has("followers"), "the full actor, not the reduced one");
        var outbox = signedGet(instanceActor, scheme, a.baseUrl() + "/users/alice/outbox?page=true");
        assertEquals(200, outbox.status(), outbox::toString);
        assertTrue(outbox.bodyText().contains(note), outbox::toString);
        var status = signedGet(instanceActor, scheme, note);
        assertEquals(200, status.status(), status::toString);
        assertEquals(note, json(status).get("id").asText());
    }

    @Test
    void aFollowersOnlyStatusIsServedToASignedFollowerOnly() {
        String note = FederationFixtures.post(a, alice.accessToken(), "Followers only: Blue", "private");

        var byFollower = signedGet(local(b, "bob"), Scheme.RFC9421, note);
        assertEquals(200, byFollower.status(), byFollower::toString);
        assertEquals(note, json(byFollower).get("id").asText());
        assertTrue(byFollower.headers().first("Cache-Control").orElse("").contains("private"), byFollower::toString);

        assertEquals(404, signedGet(local(b, "carol"), Scheme.RFC9421, note).status(), "carol does not follow alice");
        assertEquals(404, signedGet(b.app().federation().localActors().instanceActor(), Scheme.CAVAGE, note).status(),
                "an instance actor follows nobody");
        assertEquals(401, unsigned(note, AP).status());
    }

    @Test
    void aDirectStatusIsServedToMentionedAccountsOnly() {
        String note = FederationFixtures.post(a, alice.accessToken(), "Direct: For the Roses", "direct");
        assertEquals(404, signedGet(local(b, "bob"), Scheme.RFC9421, note).status(), "following is not enough");
        // Local posting does not parse mentions yet: the mention is recorded as the inbox would record it.
        a.app().database().jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO status_mentions (status_id, account_id)
                        SELECT s.id, x.id FROM statuses s, accounts x WHERE s.uri = ? AND x.uri = ?""")
                .bind(0, note).bind(1, b.baseUrl() + "/users/bob").execute());

        assertEquals(200, signedGet(local(b, "bob"), Scheme.RFC9421, note).status());
        assertEquals(404, signedGet(local(b, "carol"), Scheme.RFC9421, note).status());
    }

    @Test
    void aBlockedSignerGetsNotFoundEvenForPublicStatuses() {
        Person dave = new MastodonFixtures(b.http()).signUp("dave");
        String note = FederationFixtures.post(a, alice.accessToken(), "Public: Mingus", "public");
        assertEquals(200, signedGet(local(b, "dave"), Scheme.RFC9421, note).status(), "before the block");
        // No block endpoint yet: the block is recorded as the Mastodon API will record it.
        a.app().database().jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO blocks (account_id, target_account_id)
                        SELECT x.id, t.id FROM accounts x, accounts t WHERE x.username = 'alice' AND x.domain IS NULL AND t.uri = ?""")
                .bind(0, b.baseUrl() + "/users/" + dave.username()).execute());

        assertEquals(404, signedGet(local(b, "dave"), Scheme.RFC9421, note).status());
    }

    @ParameterizedTest
    @EnumSource(Scheme.class)
    void aForgedSignatureIsUnauthorized(Scheme scheme) {
        String note = FederationFixtures.post(a, alice.accessToken(), "Public: Ladies of the Canyon", "public");
        // Someone without bob's private key signs with a key of their own and names bob's key.
        SigningKey.Rsa forgersKey = SigningKey.generateRsa();
        HttpSigner signer = new HttpSigner(Clock.systemUTC());
        RequestSigner forger = (method, target, headers, body) -> {
            Headers given = new Headers(headers.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
            Headers signed = signer.sign(scheme, new SignedRequest(method, target, given, body),
                    b.baseUrl() + "/users/bob#main-key", forgersKey).headers();
            return signed.names().stream().collect(Collectors.toMap(n -> n, n -> signed.combined(n).orElseThrow()));
        };

        FetchResponse r = b.app().federation().client().get(URI.create(note), AP, Map.of(),
                FetchOptions.defaults().signedBy(forger));
        assertEquals(401, r.status(), r::toString);
        assertTrue(r.bodyText().contains("does not verify"), r::toString);
        assertEquals(200, signedGet(local(b, "bob"), scheme, note).status(), "bob's own signature still works");
    }

    @Test
    void aSignerFromASuspendedDomainIsForbidden() {
        String note = FederationFixtures.post(a, alice.accessToken(), "Public: Wild Things Run Fast", "public");
        String bAuthority = URI.create(b.baseUrl()).getAuthority();
        var jdbi = a.app().database().jdbi();
        jdbi.useHandle(h -> h.execute("INSERT INTO domain_policies (domain, severity) VALUES (?, 'suspend')", bAuthority));
        try {
            // suspensions reach the in-memory domain policies within DomainPolicies.MAX_STALENESS
            Poll.until(Duration.ofSeconds(5), () -> signedGet(local(b, "bob"), Scheme.RFC9421, note).status() == 403,
                    () -> "refused once the suspension is seen");
        } finally {
            jdbi.useHandle(h -> h.execute("DELETE FROM domain_policies WHERE domain = ?", bAuthority));
            Poll.until(Duration.ofSeconds(5), () -> signedGet(local(b, "bob"), Scheme.RFC9421, note).status() == 200,
                    () -> "served again once the suspension is lifted");
        }
    }

    @Test
    void withoutAuthorizedFetchSignaturesAreOptionalButStillOpenFollowersOnlyStatuses() {
        String bobOnA = FederationFixtures.resolve(a, alice.accessToken(), "@bob@" + b.app().config().domain());
        FederationFixtures.follow(a, alice.accessToken(), bobOnA);
        await("B accepts alice's follow", () -> FederationFixtures.relationship(a, alice.accessToken(), bobOnA).get("following").asBoolean());
        String secret = FederationFixtures.post(b, bob.accessToken(), "Followers only: Amelia", "private");
        String open = FederationFixtures.post(b, bob.accessToken(), "Public: Amelia", "public");

        FetchResponse byFollower = a.app().federation().client().get(URI.create(secret), AP, Map.of(),
                FetchOptions.defaults().signedBy(a.app().federation().signing().signerFor(local(a, "alice"), Scheme.RFC9421)));
        assertEquals(200, byFollower.status(), byFollower::toString);
        assertEquals(404, b.http().send(HttpRequest.newBuilder(URI.create(secret)).header("Accept", AP).GET()).status());
        assertEquals(200, b.http().send(HttpRequest.newBuilder(URI.create(open)).header("Accept", AP).GET()).status());
        assertEquals(200, b.http().send(HttpRequest.newBuilder(URI.create(b.baseUrl() + "/users/bob/outbox")).header("Accept", AP).GET()).status());
        // A signature that does not verify is ignored when signatures are optional: the public post is still served.
        TestHttp.Response badlySigned = b.http().send(HttpRequest.newBuilder(URI.create(open)).header("Accept", AP)
                .header("Signature", "keyId=\"" + a.baseUrl() + "/users/alice#main-key\",headers=\"(request-target) host date\",signature=\"AAAA\"")
                .GET());
        assertEquals(200, badlySigned.status(), badlySigned::toString);
    }

    private static AccountRow local(TestInstance instance, String username) {
        return instance.app().database().jdbi().withHandle(h -> new AccountDao().byUsername(h, username, null)).orElseThrow();
    }

    /** A GET from instance B's federation client, signed as {@code signer} the way B signs its own fetches. */
    private static FetchResponse signedGet(AccountRow signer, Scheme scheme, String url) {
        return b.app().federation().client().get(URI.create(url), AP, Map.of(),
                FetchOptions.defaults()
                        .signedBy(b.app().federation().signing().signerFor(signer, scheme)));
    }

    private static TestHttp.Response unsigned(String url, String accept) {
        return a.http().send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET());
    }

    private static JsonNode json(FetchResponse response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return new TreeSet<>(names);
    }
}
