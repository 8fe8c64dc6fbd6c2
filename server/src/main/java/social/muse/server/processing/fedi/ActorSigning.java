package social.muse.server.processing.fedi;

import social.muse.federation.signature.Headers;
import social.muse.federation.signature.HttpSigner;
import social.muse.federation.signature.Scheme;
import social.muse.federation.signature.SignedRequest;
import social.muse.federation.transport.RequestSigner;
import social.muse.server.convert.ApConverter;
import social.muse.server.db.AccountRow;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Signs outbound requests as a local actor, with its RSA key (what every peer can verify). */
public final class ActorSigning {
    private final HttpSigner signer;
    private final LocalActors localActors;
    private final ApConverter ap;

    public ActorSigning(HttpSigner signer, LocalActors localActors, ApConverter ap) {
        this.signer = signer;
        this.localActors = localActors;
        this.ap = ap;
    }

    /** A signer for the transport: each request (and each redirect hop) is signed anew for its own target. */
    public RequestSigner signerFor(AccountRow localActor, Scheme scheme) {
        String keyId = ap.rsaKeyId(localActor);
        LocalActors.Keys keys = localActors.keys(localActor.id());
        return (method, target, headers, body) -> {
            Headers given = new Headers(headers.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
            SignedRequest signed = signer.sign(scheme, new SignedRequest(method, target, given, body), keyId, keys.rsa());
            return signed.headers().names().stream()
                    .collect(Collectors.toMap(name -> name, name -> signed.headers().combined(name).orElseThrow()));
        };
    }
}
