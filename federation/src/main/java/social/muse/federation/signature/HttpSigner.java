package social.muse.federation.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import social.muse.federation.keys.SigningKey;
import social.muse.federation.signature.StructuredFields.InnerList;
import social.muse.federation.signature.StructuredFields.Item;

/**
 * Signs outbound requests the way the verifiers we meet expect them (Mastodon's {@code signed_request.rb}, Fedify,
 * GoToSocial, and our own {@link HttpSignatureVerifier}).
 *
 * <p>Both methods return a copy of the request with {@code Host} (the target's authority, exactly what any client sends),
 * {@code Date} (IMF-fixdate), the body digest when there is a body or the method is POST, and the signature headers.
 * Other headers that should be signed ({@code Content-Type}, {@code Accept}, {@code Collection-Synchronization}) must be
 * set before signing.
 * Instances are immutable and thread-safe.
 */
public final class HttpSigner {

    /** The label of our RFC 9421 signatures. */
    static final String LABEL = "sig1";
    /** FEP-8fcf's header: receivers only act on it when it is signed. */
    private static final String COLLECTION_SYNCHRONIZATION = "collection-synchronization";

    private final Clock clock;

    public HttpSigner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * draft-cavage-12 signature, as Mastodon sends it: {@code (request-target) host date}, then {@code digest} when
     * there is a body, then {@code content-type}, {@code accept} and {@code collection-synchronization} when present. Algorithm {@code rsa-sha256} for RSA
     * keys and {@code hs2019} for Ed25519 keys.
     */
    public SignedRequest signCavage(SignedRequest request, String keyId, SigningKey key) {
        SignedRequest prepared = withBaseHeaders(request);
        List<String> covered = new ArrayList<>(List.of(Cavage.REQUEST_TARGET, "host", "date"));
        if (needsDigest(prepared)) {
            prepared = prepared.withHeaders(prepared.headers().with("digest", Digests.digestHeader(prepared.body())));
            covered.add("digest");
        }
        for (String optional : List.of("content-type", "accept", COLLECTION_SYNCHRONIZATION)) {
            if (prepared.headers().contains(optional)) {
                covered.add(optional);
            }
        }
        String signingString = Cavage.signingString(prepared, covered, null, null, true);
        SignatureAlgorithm algorithm = SignatureAlgorithm.defaultFor(key.type());
        byte[] signature = algorithm.sign(key, signingString.getBytes(StandardCharsets.UTF_8));
        String cavageName = algorithm == SignatureAlgorithm.RSA_V1_5_SHA256 ? "rsa-sha256" : "hs2019";
        return prepared.withHeaders(prepared.headers()
                .with("signature", Cavage.format(keyId, cavageName, covered, signature)));
    }

    /**
     * RFC 9421 signature with what Mastodon requires and Fedify sends: components {@code "@method" "@target-uri"}, plus
     * {@code "content-digest"} when there is a body and {@code "collection-synchronization"} when present; parameters {@code created}, {@code keyid} and {@code alg}
     * ({@code rsa-v1_5-sha256} or {@code ed25519}).
     */
    public SignedRequest signRfc9421(SignedRequest request, String keyId, SigningKey key) {
        SignedRequest prepared = withBaseHeaders(request);
        List<Item> components = new ArrayList<>(List.of(component("@method"), component("@target-uri")));
        if (needsDigest(prepared)) {
            prepared = prepared.withHeaders(prepared.headers()
                    .with(Rfc9421.CONTENT_DIGEST, Digests.contentDigestHeader(prepared.body())));
            components.add(component(Rfc9421.CONTENT_DIGEST));
        }
        if (prepared.headers().contains(COLLECTION_SYNCHRONIZATION)) {
            components.add(component(COLLECTION_SYNCHRONIZATION));
        }
        SignatureAlgorithm algorithm = SignatureAlgorithm.defaultFor(key.type());
        InnerList input = new InnerList(components, parameters(clock.instant(), keyId, algorithm));
        String base = Rfc9421.signatureBase(prepared, input);
        byte[] signature = algorithm.sign(key, base.getBytes(StandardCharsets.UTF_8));
        return prepared.withHeaders(prepared.headers()
                .with(Rfc9421.SIGNATURE_INPUT, LABEL + "=" + StructuredFields.serialize(input))
                .with(Rfc9421.SIGNATURE, LABEL + "=" + StructuredFields.serialize(
                        new Item(new StructuredFields.ByteSequence(signature), Map.of()))));
    }

    /** Signs with the given scheme. */
    public SignedRequest sign(Scheme scheme, SignedRequest request, String keyId, SigningKey key) {
        return switch (scheme) {
            case CAVAGE -> signCavage(request, keyId, key);
            case RFC9421 -> signRfc9421(request, keyId, key);
        };
    }

    private SignedRequest withBaseHeaders(SignedRequest request) {
        return request.withHeaders(request.headers()
                .with("host", RequestTarget.authority(request.target()))
                .with("date", HttpDates.format(clock.instant())));
    }

    private static Map<String, Object> parameters(Instant now, String keyId, SignatureAlgorithm algorithm) {
        Map<String, Object> parameters = new java.util.LinkedHashMap<>();
        parameters.put("created", now.getEpochSecond());
        parameters.put("keyid", keyId);
        parameters.put("alg", algorithm.rfc9421Name());
        return parameters;
    }

    private static Item component(String name) {
        return new Item(name, Map.of());
    }

    private static boolean needsDigest(SignedRequest request) {
        return request.hasBody() || request.method().equalsIgnoreCase("POST");
    }
}
