package social.muse.server.processing.fedi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApActor;
import social.muse.federation.ap.ApActorType;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApDocument;
import social.muse.federation.ap.ApMultikey;
import social.muse.federation.ap.ApParseException;
import social.muse.federation.html.HtmlSanitizer;
import social.muse.federation.keys.Multikey;
import social.muse.federation.keys.Pem;
import social.muse.federation.keys.VerificationKey;
import social.muse.federation.signature.Scheme;
import social.muse.federation.signature.SchemeMemory;
import social.muse.federation.transport.FederationClient;
import social.muse.federation.transport.FetchOptions;
import social.muse.federation.transport.FetchResponse;
import social.muse.federation.transport.TransportException;
import social.muse.federation.webfinger.Jrd;
import social.muse.federation.webfinger.WebFingerResource;
import social.muse.server.db.AccountRow;
import social.muse.server.db.RemoteAccountDao;
import social.muse.server.db.RemoteAccountDao.RemoteKeyRow;
import social.muse.server.db.RemoteAccountDao.RemoteProfile;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Actors on other servers: fetched with a GET signed by the instance actor (servers in authorized-fetch
 * mode refuse unsigned ones), checked the way Mastodon checks them, and kept in {@code accounts} and
 * {@code remote_keys}. An actor fetched less than a day ago is served from the database.
 */
public final class RemoteActors {
    public static final String ACCEPT = "application/activity+json, "
            + "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";
    static final Duration FRESH_FOR = Duration.ofDays(1);
    private static final System.Logger LOG = System.getLogger(RemoteActors.class.getName());

    private final Jdbi jdbi;
    private final RemoteAccountDao dao;
    private final FederationClient client;
    private final ApCodec codec;
    private final HtmlSanitizer sanitizer;
    private final LocalActors localActors;
    private final ActorSigning signing;
    private final SchemeMemory schemes;
    private final ObjectMapper mapper;
    private final RemoteKeyCache keyCache;
    private final Clock clock;

    public RemoteActors(Jdbi jdbi, RemoteAccountDao dao, FederationClient client, ApCodec codec, HtmlSanitizer sanitizer,
                        LocalActors localActors, ActorSigning signing, SchemeMemory schemes, ObjectMapper mapper,
                        RemoteKeyCache keyCache, Clock clock) {
        this.jdbi = jdbi;
        this.dao = dao;
        this.client = client;
        this.codec = codec;
        this.sanitizer = sanitizer;
        this.localActors = localActors;
        this.signing = signing;
        this.schemes = schemes;
        this.mapper = mapper;
        this.keyCache = keyCache;
        this.clock = clock;
    }

    /** A known account by its actor id, without any fetch. */
    public Optional<AccountRow> known(String uri) {
        return jdbi.withHandle(h -> dao.byUri(h, uri));
    }

    /** The account behind an actor id: from the database when fresh, else fetched (or when {@code refresh}). */
    public Optional<AccountRow> byUri(String uri, boolean refresh) {
        Optional<AccountRow> known = known(uri);
        if (!refresh && known.isPresent() && known.get().fetchedAt() != null
                && known.get().fetchedAt().isAfter(clock.instant().minus(FRESH_FOR))) {
            return known;
        }
        return fetch(uri).or(() -> known);
    }

    /**
     * {@code user@host}, {@code @user@host}, {@code acct:user@host} or an actor URL. Accounts are looked up with
     * WebFinger over https; a loopback host with a port ({@code 127.0.0.1:8080}, {@code localhost:8080}) is
     * asked over http, since that is a development or test server without TLS.
     */
    public Optional<AccountRow> resolve(String acctOrUrl) {
        return WebFingerResource.parse(acctOrUrl).flatMap(resource -> switch (resource) {
            case WebFingerResource.Url url -> byUri(url.uri().toString(), false);
            case WebFingerResource.Account account -> webFinger(account).flatMap(actor -> byUri(actor, false));
        });
    }

    private Optional<String> webFinger(WebFingerResource.Account account) {
        URI uri = URI.create(schemeFor(account.host()) + "://" + account.host() + "/.well-known/webfinger?resource="
                + URLEncoder.encode(account.acct(), StandardCharsets.UTF_8));
        try {
            FetchResponse response = client.get(uri, Jrd.MEDIA_TYPE + ", application/json", Map.of());
            if (!response.isSuccessful()) {
                return Optional.empty();
            }
            return mapper.readValue(response.body(), Jrd.class).actorId();
        } catch (TransportException | java.io.IOException e) {
            LOG.log(System.Logger.Level.INFO, "WebFinger of " + account.acct() + " failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    static String schemeFor(String authority) {
        String host = authority.replaceFirst(":[0-9]+$", "");
        boolean hasPort = !host.equals(authority);
        boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        return loopback && hasPort ? "http" : "https";
    }

    /** Fetches and stores the actor; empty when it cannot be fetched or fails the checks (logged). */
    public Optional<AccountRow> fetch(String uri) {
        try {
            URI target = URI.create(uri);
            FetchResponse response = signedGet(target);
            if (!response.isSuccessful()) {
                LOG.log(System.Logger.Level.INFO, "Fetching actor " + uri + " answered " + response.status());
                return Optional.empty();
            }
            ApDocument document = codec.read(response.body());
            if (!(document instanceof ApActor actor)) {
                LOG.log(System.Logger.Level.INFO, "Fetching actor " + uri + " gave a " + document.type());
                return Optional.empty();
            }
            // Mastodon's rule: a document is only trusted under the address it was served from.
            if (!actor.id().equals(response.finalUri().toString())) {
                LOG.log(System.Logger.Level.INFO, "Actor " + uri + " claims the id " + actor.id());
                return Optional.empty();
            }
            if (actor.inbox() == null || actor.preferredUsername() == null || actor.preferredUsername().isBlank()) {
                LOG.log(System.Logger.Level.INFO, "Actor " + uri + " has no inbox or no preferredUsername");
                return Optional.empty();
            }
            return Optional.of(store(actor));
        } catch (ApParseException | TransportException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.INFO, "Fetching actor " + uri + " failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** A GET signed as the instance actor: RFC 9421 first, cavage when the host refuses it (and remembered). */
    FetchResponse signedGet(URI target) {
        String host = target.getAuthority().toLowerCase(Locale.ROOT);
        AccountRow instanceActor = localActors.instanceActor();
        Optional<Scheme> remembered = schemes.remembered(host);
        Scheme first = remembered.orElse(Scheme.RFC9421);
        FetchResponse response = client.get(target, ACCEPT, Map.of(),
                FetchOptions.defaults().signedBy(signing.signerFor(instanceActor, first)));
        if (remembered.isEmpty() && (response.status() == 401 || response.status() == 403)) {
            response = client.get(target, ACCEPT, Map.of(),
                    FetchOptions.defaults().signedBy(signing.signerFor(instanceActor, Scheme.CAVAGE)));
            if (response.isSuccessful()) {
                schemes.remember(host, Scheme.CAVAGE);
            }
        } else if (response.isSuccessful()) {
            schemes.remember(host, first);
        }
        return response;
    }

    private AccountRow store(ApActor actor) {
        Instant now = clock.instant();
        URI id = URI.create(actor.id());
        RemoteProfile profile = new RemoteProfile(actor.id(), actor.preferredUsername(),
                id.getAuthority().toLowerCase(Locale.ROOT), actor.actorType().wireName(),
                actor.name() == null ? "" : actor.name(),
                actor.summary() == null ? "" : sanitizer.sanitize(actor.summary()),
                fieldsJson(actor), actor.manuallyApprovesFollowers(),
                actor.actorType() == ApActorType.SERVICE || actor.actorType() == ApActorType.APPLICATION,
                actor.discoverable(), actor.indexable(), actor.url(), actor.inbox(), actor.sharedInbox(), actor.outbox(),
                actor.followers(), actor.following(), actor.featured(), actor.alsoKnownAs(), actor.movedTo(),
                actor.memorial());
        List<RemoteKeyRow> keys = keys(actor, now);
        AccountRow stored = jdbi.inTransaction(h -> {
            AccountRow account = dao.upsert(h, profile, now);
            dao.replaceKeys(h, account.id(), keys);
            return account;
        });
        keyCache.forgetAccount(stored.id());
        return stored;
    }

    private String fieldsJson(ApActor actor) {
        List<Map<String, String>> fields = actor.attachment().stream()
                .filter(f -> f.name() != null && f.value() != null)
                .map(f -> Map.of("name", f.name(), "value", sanitizer.sanitize(f.value())))
                .toList();
        try {
            return mapper.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Only keys the actor controls and that decode are kept: a bad key must not make a good one unusable. */
    private List<RemoteKeyRow> keys(ApActor actor, Instant now) {
        List<RemoteKeyRow> keys = new ArrayList<>();
        var publicKey = actor.publicKey();
        if (publicKey != null && publicKey.id() != null && publicKey.publicKeyPem() != null
                && (publicKey.owner() == null || publicKey.owner().equals(actor.id()))) {
            try {
                if (Pem.decodePublicKey(publicKey.publicKeyPem()) instanceof VerificationKey.Rsa) {
                    keys.add(new RemoteKeyRow(publicKey.id(), 0, "rsa", publicKey.publicKeyPem(), now));
                }
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.INFO, "Actor " + actor.id() + " publishes an unreadable key");
            }
        }
        for (ApMultikey multikey : actor.assertionMethod()) {
            if (multikey.id() == null || multikey.publicKeyMultibase() == null
                    || (multikey.controller() != null && !multikey.controller().equals(actor.id()))) {
                continue;
            }
            try {
                if (Multikey.decode(multikey.publicKeyMultibase()) instanceof VerificationKey.Ed25519) {
                    keys.add(new RemoteKeyRow(multikey.id(), 0, "ed25519", multikey.publicKeyMultibase(), now));
                }
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.INFO, "Actor " + actor.id() + " publishes an unreadable Multikey");
            }
        }
        return keys;
    }
}
