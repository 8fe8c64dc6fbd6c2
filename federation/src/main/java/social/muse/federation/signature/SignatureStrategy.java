package social.muse.federation.signature;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * "Double knocking", as Fedify does it: sign with RFC 9421 first unless the host is known to accept only cavage; if
 * the host refuses the RFC 9421 request, sign again with cavage; remember whichever scheme the host accepted.
 *
 * <p>The outbound client drives it:
 * <pre>{@code
 * Scheme scheme = strategy.firstScheme(host);
 * int status = send(signer.sign(scheme, request, keyId, key));
 * Optional<Scheme> retry = strategy.retryScheme(host, scheme, status);
 * if (retry.isPresent()) { scheme = retry.get(); status = send(signer.sign(scheme, request, keyId, key)); }
 * if (status < 300) strategy.accepted(host, scheme);
 * }</pre>
 */
public final class SignatureStrategy {

    /**
     * Statuses that mean "I did not accept your signature": 401 (Mastodon, GoToSocial), 400 (servers that cannot parse
     * an RFC 9421 {@code Signature} as cavage) and 403 (servers that answer a failed signature with Forbidden).
     * Anything else (e.g. 404, 5xx) is not about the signature, so a second signed request would not help.
     */
    static final Set<Integer> SIGNATURE_REFUSED = Set.of(400, 401, 403);

    private final SchemeMemory memory;

    public SignatureStrategy(SchemeMemory memory) {
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /** The scheme to sign the first attempt with. */
    public Scheme firstScheme(String host) {
        return memory.remembered(host).orElse(Scheme.RFC9421);
    }

    /** The scheme to retry with after {@code status}, or empty when there is no point retrying. */
    public Optional<Scheme> retryScheme(String host, Scheme used, int status) {
        // also when the host accepted RFC 9421 before: it may have been restored from an older version since
        return used == Scheme.RFC9421 && SIGNATURE_REFUSED.contains(status) ? Optional.of(Scheme.CAVAGE)
                : Optional.empty();
    }

    /** Records that the host accepted a request signed with this scheme. */
    public void accepted(String host, Scheme scheme) {
        memory.remember(host, scheme);
    }
}
