package social.muse.federation.ap;

/** Every ActivityStreams document Muse reads or writes. */
public sealed interface ApDocument extends ApItem
        permits ApActor, ApObject, ApActivity, ApCollection, ApCollectionPage, ApTombstone, ApUnknown {

    /** The ActivityStreams type name as written on the wire ({@code Note}, {@code Person}, …). */
    String type();
}
