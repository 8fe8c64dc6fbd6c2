package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApObject;
import social.muse.server.processing.fedi.InboundStatuses;

/** Update of a status: its author edited it. */
public final class UpdateStatusHandler implements ActivityHandler<ApObject> {
    private final InboundStatuses statuses;

    public UpdateStatusHandler(InboundStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApObject object) {
        statuses.update(h, in.actor(), object);
    }
}
