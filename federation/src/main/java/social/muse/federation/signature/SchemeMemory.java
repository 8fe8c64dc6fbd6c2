package social.muse.federation.signature;

import java.util.Optional;

/**
 * Remembers, per remote host, which signature scheme it last accepted, so the outbound client knocks only once on
 * hosts it already knows. Implementations must be thread-safe; entries may expire (a cavage-only host may upgrade).
 */
public interface SchemeMemory {

    /** The scheme the host accepted last, unless that is forgotten. */
    Optional<Scheme> remembered(String host);

    /** Records that the host accepted a request signed with this scheme. */
    void remember(String host, Scheme scheme);
}
