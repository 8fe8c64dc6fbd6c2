package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApItem;

/** Applies one kind of activity (type × object kind) inside the worker's transaction. */
@FunctionalInterface
public interface ActivityHandler<O extends ApItem> {
    void handle(Handle h, InboundActivity in, O object);
}
