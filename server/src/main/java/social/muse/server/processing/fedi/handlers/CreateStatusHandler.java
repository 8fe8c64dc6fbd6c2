package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApObject;
import social.muse.server.processing.fedi.InboundStatuses;

/** Create of a Note, Article, Page, Question…: a new remote status. */
public final class CreateStatusHandler implements ActivityHandler<ApObject> {
    private final InboundStatuses statuses;

    public CreateStatusHandler(InboundStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public void handle(Handle h, InboundActivity in, ApObject object) {
        statuses.create(h, in.actor(), object);
    }
}
