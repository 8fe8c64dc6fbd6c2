package social.muse.server.processing.fedi.handlers;

import social.muse.federation.ap.ApActivity;
import social.muse.server.db.AccountRow;

/** A verified activity being processed: who sent it (the signer, already checked to be the actor). */
public record InboundActivity(ApActivity activity, AccountRow actor) {
}
