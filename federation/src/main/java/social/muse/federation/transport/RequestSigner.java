package social.muse.federation.transport;

import java.net.URI;
import java.util.Map;

/**
 * Signs one outbound request. {@link FederationClient} calls it once per hop, for that hop's own method, target
 * and headers, so a signature always names the origin it is sent to and is never replayed on a redirect.
 *
 * <p>The server adapts {@code social.muse.federation.signature.HttpSigner} (bound to an actor's key) to this
 * interface; the transport knows nothing about keys or signature formats.
 */
@FunctionalInterface
public interface RequestSigner {

    /**
     * @param method  {@code GET} or {@code POST}
     * @param target  the absolute URI being requested
     * @param headers every header the client will send (names as given, e.g. {@code Host}, {@code Date},
     *                {@code Accept}, {@code Content-Type}, {@code User-Agent}), read-only
     * @param body    the request body, empty for GET
     * @return headers to add or replace, e.g. {@code Signature}, {@code Signature-Input}, {@code Digest},
     *         {@code Content-Digest}
     */
    Map<String, String> sign(String method, URI target, Map<String, String> headers, byte[] body);
}
