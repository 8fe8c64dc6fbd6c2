package social.muse.federation.ap;

/**
 * The only exception {@link ApCodec#read} throws: the document was refused, and {@link #reason()} says
 * why in a way the inbox can map to a status (e.g. {@link Reason#TOO_LARGE} → 413, the rest → 400).
 * The message is safe to show to the sender; it never contains the document.
 */
public final class ApParseException extends Exception {

    /** Why a document was refused. */
    public enum Reason {
        /** over {@link ApCodec#MAX_DOCUMENT_BYTES}. */
        TOO_LARGE,
        /** arrays/objects nested deeper than {@link ApCodec#MAX_NESTING_DEPTH}. */
        TOO_DEEP,
        /** not well-formed JSON, or a top level that is not an object. */
        MALFORMED_JSON,
        /** JSON-LD processing failed (invalid context, invalid keyword use, processing timeout). */
        INVALID_JSON_LD,
        /** a context URL that is not bundled, under {@link social.muse.federation.jsonld.UnknownContextPolicy#REJECT}. */
        UNKNOWN_CONTEXT,
        /** valid JSON(-LD) but not an ActivityStreams document we can use (no type, actor without inbox, …). */
        NOT_ACTIVITY_STREAMS
    }

    private final Reason reason;

    public ApParseException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ApParseException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
