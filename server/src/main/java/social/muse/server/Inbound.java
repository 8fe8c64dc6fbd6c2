package social.muse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Jdbi;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApActor;
import social.muse.federation.ap.ApCodec;
import social.muse.federation.ap.ApIri;
import social.muse.federation.ap.ApItem;
import social.muse.federation.ap.ApObject;
import social.muse.federation.html.HtmlSanitizer;
import social.muse.federation.signature.HttpSignatureVerifier;
import social.muse.federation.signature.SchemeMemory;
import social.muse.federation.transport.FederationClient;
import social.muse.server.convert.ApConverter;
import social.muse.server.convert.Uris;
import social.muse.server.db.AccountDao;
import social.muse.server.db.DeliveryDao;
import social.muse.server.db.FetchAccessDao;
import social.muse.server.db.FollowDao;
import social.muse.server.db.FollowLookupDao;
import social.muse.server.db.InboxDao;
import social.muse.server.db.InteractionDao;
import social.muse.server.db.MediaDao;
import social.muse.server.db.PinDao;
import social.muse.server.db.RemoteAccountDao;
import social.muse.server.db.StatusDao;
import social.muse.server.http.ap.InboxRoutes;
import social.muse.server.jobs.InboxWorker;
import social.muse.server.processing.accounts.ProfileProcessor;
import social.muse.server.processing.fedi.ActorSigning;
import social.muse.server.processing.fedi.Deliveries;
import social.muse.server.processing.fedi.DomainPolicies;
import social.muse.server.processing.fedi.FollowersSync;
import social.muse.server.processing.fedi.InboundFollows;
import social.muse.server.processing.fedi.InboundInteractions;
import social.muse.server.processing.fedi.InboundStatuses;
import social.muse.server.processing.fedi.InboxProcessor;
import social.muse.server.processing.fedi.LocalActors;
import social.muse.server.processing.fedi.OutboundFollows;
import social.muse.server.processing.fedi.RemoteActors;
import social.muse.server.processing.fedi.RemoteKeyCache;
import social.muse.server.processing.fedi.RemoteKeys;
import social.muse.server.processing.fedi.RemoteStatuses;
import social.muse.server.processing.fedi.OutboxBackfill;
import social.muse.server.processing.fedi.SignatureCheck;
import social.muse.server.processing.fedi.SignedFetches;
import social.muse.server.processing.fedi.handlers.ActivityHandlers;
import social.muse.server.processing.notify.Notifications;
import social.muse.server.processing.social.Blocks;
import social.muse.server.db.MuteDao;
import social.muse.server.db.ReportDao;
import social.muse.server.processing.fedi.handlers.AnnounceHandler;
import social.muse.server.processing.fedi.handlers.BlockHandler;
import social.muse.server.processing.fedi.handlers.FeaturedHandler;
import social.muse.server.processing.fedi.handlers.FlagHandler;
import social.muse.server.processing.fedi.handlers.LikeHandler;
import social.muse.server.processing.fedi.handlers.MoveHandler;
import social.muse.server.processing.fedi.handlers.UndoInteractionHandler;
import social.muse.server.processing.fedi.handlers.CreateStatusHandler;
import social.muse.server.processing.fedi.handlers.DeleteHandler;
import social.muse.server.processing.fedi.handlers.FollowAnswerHandler;
import social.muse.server.processing.fedi.handlers.FollowHandler;
import social.muse.server.processing.fedi.handlers.LocalTargets;
import social.muse.server.processing.fedi.handlers.UndoByUriHandler;
import social.muse.server.processing.fedi.handlers.UndoFollowHandler;
import social.muse.server.processing.fedi.handlers.UpdateStatusHandler;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * The receiving half of federation, assembled for the composition root: remote actors and their keys, the
 * inboxes, the worker with its dispatch table, and the signature checks of fetches. Part of {@link MuseApp}'s wiring, kept apart to keep that
 * file readable.
 */
record Inbound(RemoteActors remoteActors, RemoteKeys remoteKeys, RemoteStatuses remoteStatuses, OutboxBackfill outboxBackfill,
               InboxRoutes routes,
               InboxWorker worker,
               SignedFetches signedFetches) {
    private static final String[] STATUS_TYPES = RemoteStatuses.STATUS_TYPES.toArray(String[]::new);

    static Inbound create(Jdbi jdbi, ApCodec codec, HtmlSanitizer sanitizer, FederationClient client,
                          LocalActors localActors, ActorSigning signing, SchemeMemory schemes, Deliveries deliveries,
                          OutboundFollows outboundFollows,
                          FollowDao followDao, ApConverter ap, AccountDao accountDao, ProfileProcessor profiles,
                          Uris uris, ObjectMapper mapper, Clock clock, Executor background,
                          Notifications notifications, Blocks blocks, MuteDao muteDao) {
        RemoteAccountDao remoteDao = new RemoteAccountDao();
        InboxDao inboxDao = new InboxDao();
        RemoteKeyCache keyCache = new RemoteKeyCache();
        RemoteActors remoteActors = new RemoteActors(jdbi, remoteDao, client, codec, sanitizer, localActors, signing,
                schemes, mapper, keyCache, clock);
        RemoteKeys remoteKeys = new RemoteKeys(jdbi, remoteDao, accountDao, remoteActors, keyCache, clock);
        InboundFollows follows = new InboundFollows(followDao, outboundFollows, notifications);
        LocalTargets targets = new LocalTargets(accountDao, uris);
        FollowersSync followersSync = new FollowersSync(jdbi, followDao, accountDao, targets, remoteActors, follows,
                outboundFollows, codec, ap, uris, background);
        SignatureCheck signatures = new SignatureCheck(new DomainPolicies(jdbi, remoteDao), remoteKeys,
                new HttpSignatureVerifier(), clock);
        InboxProcessor inbox = new InboxProcessor(jdbi, inboxDao, signatures, codec, followersSync);

        StatusDao statusDao = new StatusDao();
        InboundStatuses statuses = new InboundStatuses(statusDao, new MediaDao(), accountDao, sanitizer, uris, notifications);
        RemoteStatuses remoteStatuses = new RemoteStatuses(jdbi, statusDao, remoteActors, statuses, codec);
        FollowLookupDao lookup = new FollowLookupDao();
        InteractionDao interactionDao = new InteractionDao();
        PinDao pinDao = new PinDao();
        InboundInteractions interactions = new InboundInteractions(interactionDao, remoteDao, accountDao, followDao,
                outboundFollows, remoteActors, notifications, blocks, muteDao, new ReportDao());
        ActivityHandlers handlers = new ActivityHandlers()
                .register("Follow", ApIri.class, new FollowHandler(follows, targets))
                .register("Undo", ApActivity.class, new UndoFollowHandler(follows, targets), "Follow")
                .register("Undo", ApActivity.class, new UndoInteractionHandler(interactions, targets), "Like", "Announce", "Block")
                .register("Undo", ApIri.class, new UndoByUriHandler(follows, lookup, targets, interactions))
                .register("Accept", ApItem.class, FollowAnswerHandler.accept(follows, lookup, targets))
                .register("Reject", ApItem.class, FollowAnswerHandler.reject(follows, lookup, targets))
                .register("Create", ApObject.class, new CreateStatusHandler(statuses), STATUS_TYPES)
                .register("Update", ApObject.class, new UpdateStatusHandler(statuses), STATUS_TYPES)
                .register("Update", ApActor.class, (h, in, actor) -> {
                    if (actor.id().equals(in.actor().uri())) {
                        remoteActors.fetch(actor.id());
                    }
                })
                .register("Delete", ApItem.class, new DeleteHandler(statuses, remoteDao, keyCache))
                .register("Like", ApItem.class, new LikeHandler(interactions))
                .register("Announce", ApItem.class, new AnnounceHandler(interactions, remoteStatuses))
                .register("Block", ApIri.class, new BlockHandler(interactions, targets))
                .register("Flag", ApItem.class, new FlagHandler(interactions, targets, remoteDao))
                .register("Move", ApItem.class, new MoveHandler(interactions))
                .register("Add", ApItem.class, FeaturedHandler.add(interactionDao, pinDao))
                .register("Remove", ApItem.class, FeaturedHandler.remove(interactionDao, pinDao));
        InboxWorker worker = new InboxWorker(jdbi, inboxDao, remoteDao, new DeliveryDao(), codec, handlers, clock);
        return new Inbound(remoteActors, remoteKeys, remoteStatuses,
                new OutboxBackfill(jdbi, remoteDao, remoteActors, statuses, codec), new InboxRoutes(inbox, profiles, uris), worker,
                new SignedFetches(jdbi, signatures, remoteActors, new FetchAccessDao()));
    }
}
