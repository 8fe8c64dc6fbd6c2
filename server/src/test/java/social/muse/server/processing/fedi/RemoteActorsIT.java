package social.muse.server.processing.fedi;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.html.HtmlSanitizer;
import social.muse.federation.signature.HttpSigner;
import social.muse.federation.signature.InMemorySchemeMemory;
import social.muse.federation.transport.AddressPolicy;
import social.muse.federation.transport.FederationClient;
import social.muse.federation.transport.TransportSettings;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.ApiConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.AccountRow;
import social.muse.server.db.LocalKeyDao;
import social.muse.server.db.RemoteAccountDao;
import social.muse.server.http.Json;
import social.muse.server.testing.FakeRemote;
import social.muse.server.testing.TestInstance;

import java.time.Clock;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fetching, checking and caching actors of a fake remote server, and finding them by handle with WebFinger. */
class RemoteActorsIT {
    private static TestInstance instance;
    private static Jdbi jdbi;
    private static FakeRemote remote;
    private static RemoteActors actors;

    @BeforeAll
    static void start() {
        instance = TestInstance.start();
        jdbi = instance.app().database().jdbi();
        remote = FakeRemote.start().withActor("bob").withActor("cara").withActor("dan").withActor("mallory")
                .withActor("olga");
        remote.withClaimedId("mallory", remote.actorId("bob"));
        Clock clock = Clock.systemUTC();
        Uris uris = new Uris(instance.baseUrl());
        LocalActors localActors = new LocalActors(jdbi, new AccountDao(), new LocalKeyDao());
        ApConverter ap = new ApConverter(uris, new ApiConverter(uris, Json.mapper()), localActors);
        actors = new RemoteActors(jdbi, new RemoteAccountDao(),
                new FederationClient(new AddressPolicy(true), "Muse test", TransportSettings.defaults()),
                new ApCodec(uris.namespace()), new HtmlSanitizer(), localActors,
                new ActorSigning(new HttpSigner(clock), localActors, ap), new InMemorySchemeMemory(clock),
                Json.mapper(), new RemoteKeyCache(), clock);
    }

    @AfterAll
    static void stop() {
        remote.close();
        instance.close();
    }

    @Test
    void resolvesAHandleWithWebFingerAndStoresTheActor() {
        AccountRow bob = actors.resolve("@bob@" + remote.authority()).orElseThrow();
        assertEquals("bob", bob.username());
        assertEquals(remote.authority(), bob.domain());
        assertEquals(remote.actorId("bob"), bob.uri());
        assertEquals(remote.actorId("bob") + "/inbox", bob.inboxUrl());
        assertEquals("http://" + remote.authority() + "/inbox", bob.sharedInboxUrl());
        assertTrue(bob.note().startsWith("<p>Hi, I am bob") && !bob.note().contains("script"), bob.note());
        assertEquals(Optional.empty(), actors.resolve("acct:nobody@" + remote.authority()));
    }

    @Test
    void aFreshActorIsServedFromTheDatabaseUnlessARefreshIsAsked() {
        actors.byUri(remote.actorId("cara"), false).orElseThrow();
        int fetches = remote.actorFetches("cara");
        actors.byUri(remote.actorId("cara"), false).orElseThrow();
        assertEquals(fetches, remote.actorFetches("cara"), "cached");
        actors.byUri(remote.actorId("cara"), true).orElseThrow();
        assertEquals(fetches + 1, remote.actorFetches("cara"), "refreshed");
    }

    @Test
    void aDocumentClaimingAnotherIdIsRefused() {
        assertEquals(Optional.empty(), actors.fetch(remote.actorId("mallory")));
        assertEquals(Optional.empty(), actors.known(remote.actorId("mallory")));
    }

    @Test
    void aNewActorTakesOverItsHandleFromAStaleAccount() {
        long stale = jdbi.withHandle(h -> h.createQuery("""
                        INSERT INTO accounts (username, domain, uri, inbox_url) VALUES ('olga', :domain, :uri, :uri)
                        RETURNING id""")
                .bind("domain", remote.authority()).bind("uri", remote.actorId("olga") + "-before-reinstall")
                .mapTo(Long.class).one());
        AccountRow olga = actors.fetch(remote.actorId("olga")).orElseThrow();
        assertEquals("olga", olga.username());
        assertTrue(olga.id() != stale);
        String renamed = jdbi.withHandle(h -> h.createQuery("SELECT username FROM accounts WHERE id = :id")
                .bind("id", stale).mapTo(String.class).one());
        assertEquals("olga~" + stale, renamed);
    }

    @Test
    void loopbackHostsWithAPortAreAskedOverHttp() {
        assertEquals("http", RemoteActors.schemeFor("127.0.0.1:8080"));
        assertEquals("http", RemoteActors.schemeFor("localhost:3000"));
        assertEquals("https", RemoteActors.schemeFor("localhost"));
        assertEquals("https", RemoteActors.schemeFor("muse.example"));
        assertEquals("https", RemoteActors.schemeFor("muse.example:8443"));
    }
}
