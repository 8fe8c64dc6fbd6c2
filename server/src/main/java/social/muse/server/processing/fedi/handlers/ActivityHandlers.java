package social.muse.server.processing.fedi.handlers;

import org.jdbi.v3.core.Handle;
import social.muse.federation.ap.ApActivity;
import social.muse.federation.ap.ApDocument;
import social.muse.federation.ap.ApItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dispatch table of inbound activities: activity type × object kind (an embedded document's Java type and,
 * optionally, its wire type, or {@code ApIri} for a bare reference) → handler. The first matching registration
 * wins, so specific entries go before general ones. Activities nobody handles are logged and dropped.
 */
public final class ActivityHandlers {
    private static final System.Logger LOG = System.getLogger(ActivityHandlers.class.getName());

    private record Entry<O extends ApItem>(String activityType, Class<O> objectKind, List<String> objectTypes,
                                           ActivityHandler<O> handler) {
        boolean matches(String type, ApItem object) {
            return activityType.equals(type) && objectKind.isInstance(object)
                    && (objectTypes.isEmpty() || object instanceof ApDocument d && objectTypes.contains(d.type()));
        }
    }

    private final List<Entry<?>> entries = new ArrayList<>();

    /** {@code objectTypes} narrows embedded documents to these wire types; none means any. */
    public <O extends ApItem> ActivityHandlers register(String activityType, Class<O> objectKind,
                                                        ActivityHandler<O> handler, String... objectTypes) {
        entries.add(new Entry<>(activityType, objectKind, List.of(objectTypes), handler));
        return this;
    }

    /** Runs the handler for the activity; false when there is none. */
    public boolean dispatch(Handle h, InboundActivity in) {
        ApActivity activity = in.activity();
        // Matched on the first object; the few activities with several (Flag) are read whole by their handler.
        Optional<ApItem> object = activity.object().stream().findFirst();
        if (object.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "Ignoring " + activity.type() + " " + activity.id() + " without an object");
            return false;
        }
        for (Entry<?> entry : entries) {
            if (entry.matches(activity.type(), object.get())) {
                run(entry, h, in, object.get());
                return true;
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "No handler for " + activity.type() + " of " + object.get().getClass().getSimpleName());
        return false;
    }

    private static <O extends ApItem> void run(Entry<O> entry, Handle h, InboundActivity in, ApItem object) {
        entry.handler().handle(h, in, entry.objectKind().cast(object));
    }
}
