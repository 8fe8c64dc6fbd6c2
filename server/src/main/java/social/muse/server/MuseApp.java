package social.muse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.jdbi.v3.core.Jdbi;
import social.muse.server.config.MuseConfig;
import social.muse.server.convert.ApiConverter;
import social.muse.server.convert.LocalAddresses;
import social.muse.server.convert.Uris;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.html.HtmlSanitizer;
import social.muse.federation.signature.HttpSigner;
import social.muse.federation.signature.InMemorySchemeMemory;
import social.muse.federation.signature.SignatureStrategy;
import social.muse.federation.transport.AddressPolicy;
import social.muse.federation.transport.FederationClient;
import social.muse.federation.transport.TransportSettings;
import social.muse.server.convert.ApConverter;
import social.muse.server.db.AccountDao;
import social.muse.server.db.DeliveryDao;
import social.muse.server.db.FollowDao;
import social.muse.server.db.LocalKeyDao;
import social.muse.server.db.OutboxDao;
import social.muse.server.jobs.InboxWorker;
import social.muse.server.processing.fedi.ActorSigning;
import social.muse.server.processing.fedi.Deliveries;
import social.muse.server.processing.fedi.LocalActors;
import social.muse.server.processing.fedi.PartialFollowers;
import social.muse.server.db.MediaDao;
import social.muse.server.db.NotificationDao;
import social.muse.server.processing.notify.Notifications;
import social.muse.server.db.MuteDao;
import social.muse.server.db.PinDao;
import social.muse.server.db.RemoteAccountDao;
import social.muse.server.http.mastodon.BlocksAndMutesRoutes;
import social.muse.server.http.mastodon.MediaAttachmentsRoutes;
import social.muse.server.http.mastodon.TimelinesRoutes;
import social.muse.server.http.mastodon.StartupRoutes;
import social.muse.server.http.mastodon.StatusThreadsRoutes;
import social.muse.server.db.MarkerDao;
import social.muse.server.http.mastodon.FollowListsRoutes;
import social.muse.server.processing.social.FollowLists;
import social.muse.server.http.mastodon.NotificationsRoutes;
import social.muse.server.db.TimelineDao;
import social.muse.server.processing.media.Attachments;
import social.muse.server.processing.fedi.AccountFinder;
import social.muse.server.processing.fedi.ActorUpdates;
import social.muse.server.processing.fedi.LocalNotes;
import social.muse.server.processing.fedi.OutboundFollows;
import social.muse.server.processing.social.Blocks;
import social.muse.server.processing.social.Pins;
import social.muse.server.db.Database;
import social.muse.server.db.InstanceStatsDao;
import social.muse.server.db.InviteDao;
import social.muse.server.db.OAuthDao;
import social.muse.server.db.OneTimeTokenDao;
import social.muse.server.db.RateLimitDao;
import social.muse.server.db.UserDao;
import social.muse.server.db.WebSessionDao;
import social.muse.server.http.AccessLogFilter;
import social.muse.server.http.CorsFilter;
import social.muse.server.http.ErrorHandlers;
import social.muse.server.http.Json;
import social.muse.server.http.MediaRoutes;
import social.muse.server.http.Responses;
import social.muse.server.http.ap.ActorRoutes;
import social.muse.server.http.ap.InboxRoutes;
import social.muse.server.http.ap.NodeInfoRoutes;
import social.muse.server.http.ap.WebFingerRoutes;
import social.muse.server.http.auth.Authenticator;
import social.muse.server.http.mastodon.AccountsRoutes;
import social.muse.server.http.mastodon.AppsRoutes;
import social.muse.server.http.mastodon.EmailsRoutes;
import social.muse.server.http.mastodon.InstanceRoutes;
import social.muse.server.http.mastodon.MastodonException;
import social.muse.server.http.mastodon.OAuthRoutes;
import social.muse.server.http.mastodon.Relationships;
import social.muse.server.http.mastodon.SearchRoutes;
import social.muse.server.http.mastodon.StatusesRoutes;
import social.muse.server.db.StatusDao;
import social.muse.server.processing.social.SocialProcessor;
import social.muse.server.processing.social.StatusInteractions;
import social.muse.server.http.mastodon.StatusInteractionsRoutes;
import social.muse.server.db.InteractionDao;
import social.muse.server.db.InteractionLookupDao;
import social.muse.server.db.StatusEditDao;
import social.muse.server.http.muse.OpenApiRoutes;
import social.muse.server.http.problem.ProblemException;
import social.muse.server.http.web.AccountPagesRoutes;
import social.muse.server.http.web.Cookies;
import social.muse.server.http.web.Csrf;
import social.muse.server.http.web.OwnerSetupRoutes;
import social.muse.server.http.web.WebSessions;
import social.muse.server.observe.Observability;
import social.muse.server.processing.accounts.AccountProcessor;
import social.muse.server.processing.accounts.PasswordResetProcessor;
import social.muse.server.processing.accounts.ProfileProcessor;
import social.muse.server.processing.auth.PasswordHasher;
import social.muse.server.processing.auth.RateLimiter;
import social.muse.server.processing.instance.InstanceProcessor;
import social.muse.server.processing.mail.LogMailer;
import social.muse.server.processing.mail.Mailer;
import social.muse.server.processing.mail.SmtpMailer;
import social.muse.server.processing.media.MediaStore;
import social.muse.server.processing.oauth.OAuthProcessor;

import java.time.Clock;
import social.muse.server.http.web.WebRoutes;
import social.muse.server.jobs.DeliveryWorker;

import social.muse.server.db.ChannelListener;
import social.muse.server.db.ReportDao;
import social.muse.server.http.mastodon.AccountSearch;
import social.muse.server.http.mastodon.ReportsRoutes;
import social.muse.server.http.mastodon.TagsRoutes;
import social.muse.server.db.TagDao;
import social.muse.server.processing.social.Reports;
import social.muse.server.http.mastodon.NotificationViews;
import social.muse.server.http.mastodon.streaming.StreamingHub;
import social.muse.server.http.mastodon.streaming.StreamingRoutes;
import social.muse.server.http.mastodon.streaming.StreamingSocket;
import social.muse.server.processing.notify.LiveEvent;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The composition root: builds the whole object graph by hand, in dependency order, and owns the
 * lifecycle of the database and the web server. Nothing else constructs services.
 */
public final class MuseApp implements AutoCloseable {
    private final MuseConfig config;
    private final Database database;
    private final WebServer server;
    private final ExecutorService background;
    private final Optional<String> ownerSetupUrl;
    private final Federation federation;
    private final InboxWorker inboxWorker;
    private final ChannelListener liveEvents;
    private final StreamingHub streamingHub;

    private MuseApp(MuseConfig config, Database database, WebServer server, ExecutorService background,
                    Optional<String> ownerSetupUrl, Federation federation, InboxWorker inboxWorker,
                    ChannelListener liveEvents, StreamingHub streamingHub) {
        this.liveEvents = liveEvents;
        this.streamingHub = streamingHub;
        this.config = config;
        this.database = database;
        this.server = server;
        this.background = background;
        this.ownerSetupUrl = ownerSetupUrl;
        this.federation = federation;
        this.inboxWorker = inboxWorker;
    }

    /** The services the routes need, built once from the configuration and the database. */
    private record Services(
            ErrorHandlers errors,
            OAuthRoutes oauthRoutes,
            AppsRoutes appsRoutes,
            AccountsRoutes accountsRoutes,
            BlocksAndMutesRoutes blocksAndMutesRoutes,
            ReportsRoutes reportsRoutes,
            TagsRoutes tagsRoutes,
            MediaAttachmentsRoutes mediaAttachmentsRoutes,
            TimelinesRoutes timelinesRoutes,
            NotificationsRoutes notificationsRoutes,
            FollowListsRoutes followListsRoutes,
            StartupRoutes startupRoutes,
            StatusThreadsRoutes statusThreadsRoutes,
            MediaRoutes mediaRoutes,
            InstanceRoutes instanceRoutes,
            NodeInfoRoutes nodeInfoRoutes,
            WebFingerRoutes webFingerRoutes,
            StatusesRoutes statusesRoutes,
            StatusInteractionsRoutes statusInteractionsRoutes,
            SearchRoutes searchRoutes,
            ActorRoutes actorRoutes,
            OpenApiRoutes openApiRoutes,
            EmailsRoutes emailsRoutes,
            AccountPagesRoutes accountPagesRoutes,
            OwnerSetupRoutes ownerSetupRoutes,
            WebRoutes webRoutes,
            Optional<String> ownerSetupUrl,
            Federation federation,
            Inbound inbound,
            StreamingHub streamingHub,
            StreamingRoutes streamingRoutes,
            Supplier<WsListener> streamingSockets) {
    }

    public static MuseApp start(MuseConfig config) {
        Database database = Database.open(config.db(), config.dataDir());
        // Work that must not delay or shape a response (password reset mail); closed before the database.
        ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
        ChannelListener liveEvents = null;
        try {
            Services services = services(config, database, background);
            // Live events from every process sharing the database reach this process's streaming clients.
            liveEvents = new ChannelListener(database::openUnpooled, LiveEvent.CHANNEL, services.streamingHub()::receive);
            liveEvents.start(Duration.ofSeconds(10));
            WebServer server = WebServer.builder()
                    .host(config.bindAddress())
                    .port(config.port())
                    .featuresDiscoverServices(false)
                    .addFeature(Observability.feature(database))
                    .shutdownHook(false)
                    .maxPayloadSize(64L * 1024 * 1024)
                    // Mastodon apps send array parameters with raw brackets (?id[]=1&id[]=2), which Helidon's strict
                    // RFC 3986 request-line validation refuses with 400 before any route sees the request; routes
                    // that touch files check their own paths (MediaRoutes, static content).
                    .addProtocol(io.helidon.webserver.http1.Http1Config.builder().validatePath(false).validatePrologue(false).build())
                    .routing(routing -> routing(routing, services))
                    .addRouting(WsRouting.builder().endpoint("/api/v1/streaming", services.streamingSockets()))
                    .build()
                    .start();
            // Helidon logs a failed bind and returns a stopped server instead of throwing
            if (!server.isRunning()) {
                throw new IllegalStateException("Could not listen on " + config.bindAddress() + ":" + config.port()
                        + "; is another program using that port? (set MUSE_PORT to choose another)");
            }
            // deliveries and inbox processing start once the server answers, so peers can fetch what they are sent
            services.federation().deliveryWorker().start();
            services.inbound().worker().start();
            return new MuseApp(config, database, server, background, services.ownerSetupUrl(), services.federation(),
                    services.inbound().worker(), liveEvents, services.streamingHub());
        } catch (RuntimeException e) {
            if (liveEvents != null) {
                liveEvents.close();
            }
            background.close();
            database.close();
            throw e;
        }
    }

    private static Services services(MuseConfig config, Database database, ExecutorService background) {
        Clock clock = Clock.systemUTC();
        Jdbi jdbi = database.jdbi();
        // the configured domain policies join the table before any request can arrive
        jdbi.useTransaction(h -> new RemoteAccountDao().applyConfiguredPolicies(h, config.domainPolicies().suspended(),
                config.domainPolicies().silenced()));
        BuildInfo build = BuildInfo.load();
        ObjectMapper mapper = Json.mapper();
        Responses responses = new Responses(mapper);
        Uris uris = new Uris(config.baseUrl());
        ApiConverter converter = new ApiConverter(uris, mapper);

        AccountDao accountDao = new AccountDao();
        UserDao userDao = new UserDao();
        OAuthDao oauthDao = new OAuthDao();
        OneTimeTokenDao oneTimeTokenDao = new OneTimeTokenDao();
        WebSessionDao webSessionDao = new WebSessionDao();

        Mailer mailer = config.smtp().<Mailer>map(smtp -> new SmtpMailer(smtp, config.host())).orElseGet(LogMailer::new);
        PasswordHasher hasher = new PasswordHasher();
        RateLimiter rateLimiter = new RateLimiter(jdbi, new RateLimitDao(), clock);
        MediaStore media = new MediaStore(config.dataDir().resolve("media"));

        AccountProcessor accounts = new AccountProcessor(jdbi, accountDao, userDao, new InviteDao(), oneTimeTokenDao,
                hasher, mailer, config, uris, clock);
        // Federation: one codec, one outbound client, one signer, shared by everything that federates.
        Federation federation = federation(config, jdbi, build, uris, converter, accountDao, clock);
        ProfileProcessor profiles = new ProfileProcessor(jdbi, accountDao, userDao, media, converter, config.media(),
                new ActorUpdates(federation.follows(), federation.deliveries(), federation.ap(), uris, clock));
        OAuthProcessor oauth = new OAuthProcessor(jdbi, oauthDao, clock);
        Authenticator authenticator = new Authenticator(oauth, accounts);
        PasswordResetProcessor resets = new PasswordResetProcessor(jdbi, accountDao, userDao, oneTimeTokenDao, oauthDao,
                webSessionDao, hasher, mailer, config, uris, clock, background);

        Cookies cookies = new Cookies(config.publicScheme().equals("https"));
        Csrf csrf = new Csrf(cookies);
        WebSessions sessions = new WebSessions(jdbi, webSessionDao, cookies, clock);
        InstanceProcessor instance = new InstanceProcessor(new InstanceStatsDao(jdbi), clock);

        LocalAddresses localAddresses = new LocalAddresses(uris, config.domain());
        Notifications notifications = new Notifications(new NotificationDao());
        InteractionDao interactionDao = new InteractionDao();
        MuteDao muteDao = new MuteDao();
        Relationships relationships = new Relationships(jdbi, federation.follows(), interactionDao, muteDao, converter);
        Blocks blocks = new Blocks(jdbi, accountDao, interactionDao, muteDao, federation.outboundFollows(),
                federation.deliveries(), federation.ap(), uris, clock);
        Inbound inbound = Inbound.create(jdbi, federation.codec(), federation.sanitizer(), federation.client(),
                federation.localActors(), federation.signing(), federation.schemes(), federation.deliveries(),
                federation.outboundFollows(), federation.follows(), federation.ap(), accountDao, profiles, uris, mapper,
                clock, background, notifications, blocks, muteDao);
        StatusDao statusDao = new StatusDao();
        MediaDao mediaDao = new MediaDao();
        LocalNotes localNotes = new LocalNotes(statusDao, accountDao, mediaDao, federation.ap(), uris);
        AccountFinder accountFinder = new AccountFinder(jdbi, accountDao, localAddresses, inbound.remoteActors(),
                config.domain());
        SocialProcessor social = new SocialProcessor(jdbi, accountDao, federation.follows(), statusDao,
                federation.deliveries(), federation.outboundFollows(), accountFinder, mediaDao, localNotes, notifications, federation.ap(), uris,
                clock);
        Pins pins = new Pins(jdbi, new PinDao(), federation.follows(), federation.deliveries(), federation.ap(), uris,
                clock);
        StatusInteractions statusInteractions = new StatusInteractions(jdbi, social, accountDao, federation.follows(),
                statusDao, interactionDao, new InteractionLookupDao(), new StatusEditDao(), mediaDao, notifications, localNotes, federation.deliveries(),
                federation.ap(), uris, clock);
        NotificationDao notificationDao = new NotificationDao();
        NotificationViews notificationViews = new NotificationViews(jdbi, notificationDao, accountDao, statusDao,
                statusInteractions, converter);
        StreamingHub streamingHub = new StreamingHub(jdbi, new TimelineDao(), statusInteractions, notificationViews,
                converter, mapper);

        AccountSearch accountSearch = new AccountSearch(jdbi, accountDao, accountFinder::find);
        return new Services(
                new ErrorHandlers(mapper),
                new OAuthRoutes(oauth, accounts, rateLimiter, sessions, csrf, converter, responses, uris, config),
                new AppsRoutes(oauth, authenticator, converter, responses),
                new AccountsRoutes(accounts, profiles, oauth, authenticator, rateLimiter, converter, responses, config,
                        social, relationships, accountSearch),
                new BlocksAndMutesRoutes(blocks, profiles, relationships, authenticator, converter, responses, uris),
                new ReportsRoutes(new Reports(jdbi, new ReportDao(), statusDao, federation.localActors(),
                        federation.deliveries(), federation.ap(), clock), profiles, authenticator, converter, responses),
                new TagsRoutes(jdbi, new TagDao(), authenticator, responses, uris),
                new MediaAttachmentsRoutes(new Attachments(jdbi, mediaDao, media, config.media().attachmentMaxBytes()),
                        authenticator, converter, responses, config.media().attachmentMaxBytes()),
                new TimelinesRoutes(jdbi, new TimelineDao(), statusInteractions, pins, inbound.outboxBackfill(), profiles,
                        authenticator, converter, responses, uris),
                new NotificationsRoutes(jdbi, notificationDao, new MarkerDao(), notificationViews, authenticator,
                        responses, uris),
                new FollowListsRoutes(new FollowLists(jdbi, accountDao, federation.follows(), federation.outboundFollows()),
                        profiles, relationships, authenticator, converter, responses, uris),
                new StartupRoutes(jdbi, accountDao, new MarkerDao(), authenticator, converter, responses),
                new StatusThreadsRoutes(jdbi, new TimelineDao(), statusDao, accountDao, statusInteractions, authenticator,
                        converter, responses, uris),
                new MediaRoutes(media),
                new InstanceRoutes(config, build, instance, responses, clock.instant()),
                new NodeInfoRoutes(config, build, instance, responses),
                new WebFingerRoutes(profiles, uris, config, responses, localAddresses),
                new StatusesRoutes(social, statusInteractions, authenticator, converter, responses),
                new StatusInteractionsRoutes(statusInteractions, pins, authenticator, converter, responses),
                new SearchRoutes(accountSearch, inbound.remoteStatuses(), statusInteractions, authenticator, converter,
                        responses),
                new ActorRoutes(jdbi, accountDao, federation.follows(), statusDao, new OutboxDao(), federation.localActors(), federation.ap(),
                        federation.codec(), uris, inbound.signedFetches(), federation.partialFollowers(), pins,
                        localNotes, config.authorizedFetch()),
                new OpenApiRoutes(mapper, build, config),
                new EmailsRoutes(accounts, authenticator, rateLimiter, responses),
                new AccountPagesRoutes(accounts, resets, rateLimiter, csrf, sessions, mapper),
                new OwnerSetupRoutes(accounts, csrf, sessions, mapper),
                new WebRoutes(),
                accounts.issueOwnerSetupToken().map(token -> uris.absolute("/auth/setup?token=" + token)),
                federation,
                inbound,
                streamingHub,
                new StreamingRoutes(streamingHub, authenticator),
                StreamingSocket.listeners(streamingHub, authenticator, mapper));
    }

    /** The federation objects, built together because they depend on each other. */
    public record Federation(ApCodec codec, HtmlSanitizer sanitizer, FederationClient client, LocalActors localActors,
                             ApConverter ap, ActorSigning signing, InMemorySchemeMemory schemes, Deliveries deliveries,
                             OutboundFollows outboundFollows, FollowDao follows, PartialFollowers partialFollowers,
                             DeliveryWorker deliveryWorker) {
    }

    private static Federation federation(MuseConfig config, Jdbi jdbi, BuildInfo build, Uris uris, ApiConverter api,
                                         AccountDao accountDao, Clock clock) {
        ApCodec codec = new ApCodec(uris.namespace());
        LocalActors localActors = new LocalActors(jdbi, accountDao, new LocalKeyDao());
        ApConverter ap = new ApConverter(uris, api, localActors);
        FederationClient client = new FederationClient(new AddressPolicy(config.allowPrivateAddresses()),
                FederationClient.userAgent(build.version(), config.domain()), TransportSettings.defaults());
        ActorSigning signing = new ActorSigning(new HttpSigner(clock), localActors, ap);
        InMemorySchemeMemory schemes = new InMemorySchemeMemory(clock);
        FollowDao follows = new FollowDao();
        PartialFollowers partialFollowers = new PartialFollowers(follows, ap);
        DeliveryWorker deliveryWorker = new DeliveryWorker(jdbi, new DeliveryDao(), accountDao, client, signing,
                partialFollowers, new SignatureStrategy(schemes), DeliveryWorker.Settings.defaults());
        Deliveries deliveries = new Deliveries(new OutboxDao(), codec, ap, deliveryWorker::wake);
        return new Federation(codec, new HtmlSanitizer(), client, localActors, ap, signing, schemes, deliveries,
                new OutboundFollows(follows, deliveries, ap, uris, clock), follows, partialFollowers, deliveryWorker);
    }

    private static void routing(HttpRouting.Builder routing, Services s) {
        routing.addFilter(new AccessLogFilter())
                .addFilter(new CorsFilter());
        s.errors().register(routing);
        routing.register(s.inbound().routes())
                .register(s.oauthRoutes())
                .register("/api/v1/apps", s.appsRoutes())
                .register("/api/v1/accounts", s.accountsRoutes())
                .register(s.blocksAndMutesRoutes(), s.reportsRoutes(), s.tagsRoutes(), s.mediaAttachmentsRoutes(), s.timelinesRoutes(), s.followListsRoutes(),
                        s.startupRoutes(), s.statusThreadsRoutes())
                .register("/api/v1/statuses", s.statusesRoutes(), s.statusInteractionsRoutes())
                .register("/api/v2/search", s.searchRoutes())
                .register("/api/v1/notifications", s.notificationsRoutes())
                .register("/api/v1/streaming", s.streamingRoutes())
                .register(s.mediaRoutes(), s.instanceRoutes(), s.nodeInfoRoutes(), s.webFingerRoutes(), s.actorRoutes(), s.openApiRoutes())
                .register("/api/v1/emails", s.emailsRoutes())
                .register(s.accountPagesRoutes())
                .register(s.ownerSetupRoutes());
        routing.any("/api/muse/*", (req, res) -> {
            throw ProblemException.notFound("No such endpoint: " + req.prologue().method().text() + " " + req.path().absolute().rawPath());
        });
        routing.any("/api/*", (req, res) -> {
            throw MastodonException.notFound();
        });
        // The web app answers last, so every API route wins and API 404s stay JSON.
        routing.register(s.webRoutes());
    }

    public int port() {
        return server.port();
    }

    public MuseConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    /** The federation objects, for tests and tools that act as this instance (queue, sign, deliver). */
    public Federation federation() {
        return federation;
    }

    /** The one-time link that creates the owner account, when this start found no administrator. */
    public Optional<String> ownerSetupUrl() {
        return ownerSetupUrl;
    }

    @Override
    public void close() {
        liveEvents.close();
        streamingHub.close();
        server.stop();
        inboxWorker.close();
        federation.deliveryWorker().stop();
        background.close();
        database.close();
    }
}
