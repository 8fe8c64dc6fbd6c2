package social.muse.federation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import social.muse.federation.keys.SigningKey;
import social.muse.federation.keys.VerificationKey;
import social.muse.federation.signature.VerificationResult.Reason;

/** Our signer against our verifier, for both schemes and both key types, and every way a request can go wrong. */
class RoundTripTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String KEY_ID = "https://a.example/users/alice#main-key";
    private static final SigningKey RSA = SigningKey.generateRsa();
    private static final SigningKey ED25519 = SigningKey.generateEd25519();
    private static final URI INBOX = URI.create("https://b.example/users/bob/inbox");
    private static final byte[] BODY = "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpSignatureVerifier verifier = new HttpSignatureVerifier();

    static Stream<Arguments> schemesAndKeys() {
        return Stream.of(
                Arguments.of(Scheme.CAVAGE, RSA), Arguments.of(Scheme.CAVAGE, ED25519),
                Arguments.of(Scheme.RFC9421, RSA), Arguments.of(Scheme.RFC9421, ED25519));
    }

    private static HttpSigner signerAt(Instant instant) {
        return new HttpSigner(Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static SignedRequest post() {
        return new SignedRequest("POST", INBOX, Headers.of("Content-Type", "application/activity+json"), BODY);
    }

    private static SignedRequest get() {
        return SignedRequest.of("GET", URI.create("https://b.example/users/bob/outbox?page=true"),
                Headers.of("Accept", "application/activity+json"));
    }

    private static KeyResolver only(VerificationKey key) {
        return (keyId, refresh) -> KEY_ID.equals(keyId) ? Optional.of(key) : Optional.empty();
    }

    private Reason rejection(SignedRequest signed, KeyResolver resolver) {
        return assertInstanceOf(VerificationResult.Rejected.class, verifier.verify(signed, resolver, NOW)).reason();
    }

    @ParameterizedTest
    @MethodSource("schemesAndKeys")
    void signedPostAndGetVerify(Scheme scheme, SigningKey key) {
        for (SignedRequest request : List.of(post(), get())) {
            SignedRequest signed = signerAt(NOW).sign(scheme, request, KEY_ID, key);

            VerificationResult result = verifier.verify(signed, only(key.verificationKey()), NOW.plusSeconds(2));

            VerificationResult.Verified verified = assertInstanceOf(VerificationResult.Verified.class, result);
            assertEquals(scheme, verified.scheme());
            assertEquals(KEY_ID, verified.keyId());
            assertEquals(NOW, verified.signedAt());
        }
    }

    @ParameterizedTest
    @MethodSource("schemesAndKeys")
    void aCollectionSynchronizationHeaderIsSignedAndCannotBeChanged(Scheme scheme, SigningKey key) {
        SignedRequest request = post().withHeaders(post().headers().with("Collection-Synchronization",
                "collectionId=\"https://a.example/users/alice/followers\", url=\"https://a.example/s\", digest=\"00\""));
        SignedRequest signed = signerAt(NOW).sign(scheme, request, KEY_ID, key);

        VerificationResult.Verified verified = assertInstanceOf(VerificationResult.Verified.class,
                verifier.verify(signed, only(key.verificationKey()), NOW));
        assertTrue(verified.components().contains("collection-synchronization"), verified.components()::toString);

        SignedRequest changed = signed.withHeaders(signed.headers().with("collection-synchronization",
                "collectionId=\"https://a.example/users/alice/followers\", url=\"https://evil.example/s\", digest=\"00\""));
        assertEquals(Reason.BAD_SIGNATURE, rejection(changed, only(key.verificationKey())));
    }

    @ParameterizedTest
    @MethodSource("schemesAndKeys")
    void aBodylessGetNeedsNoDigestButAGetWithABodyDoes(Scheme scheme, SigningKey key) {
        SignedRequest signed = signerAt(NOW).sign(scheme, get(), KEY_ID, key);
        assertFalse(signed.headers().contains("digest") || signed.headers().contains("content-digest"), signed::toString);
        assertInstanceOf(VerificationResult.Verified.class, verifier.verify(signed, only(key.verificationKey()), NOW));

        SignedRequest smuggledBody = new SignedRequest("GET", signed.target(), signed.headers(), BODY);
        assertEquals(Reason.MISSING_REQUIRED_COMPONENT, rejection(smuggledBody, only(key.verificationKey())));
    }

    @Test
    void signedHeadersHaveTheShapesPeersExpect() {
        SignedRequest cavage = signerAt(NOW).signCavage(post(), KEY_ID, RSA);
        assertEquals("b.example", cavage.headers().first("host").orElseThrow());
        assertEquals("Sun, 01 Mar 2026 12:00:00 GMT", cavage.headers().first("date").orElseThrow());
        assertTrue(cavage.headers().first("digest").orElseThrow().startsWith("SHA-256="));
        assertTrue(cavage.headers().first("signature").orElseThrow().contains(
                "algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest content-type\""));

        SignedRequest rfc = signerAt(NOW).signRfc9421(post(), KEY_ID, RSA);
        assertEquals("sig1=(\"@method\" \"@target-uri\" \"content-digest\");created=" + NOW.getEpochSecond()
                        + ";keyid=\"" + KEY_ID + "\";alg=\"rsa-v1_5-sha256\"",
                rfc.headers().first("signature-input").orElseThrow());
        assertTrue(rfc.headers().first("content-digest").orElseThrow().startsWith("sha-256=:"));

        SignedRequest getRfc = signerAt(NOW).signRfc9421(get(), KEY_ID, ED25519);
        assertTrue(getRfc.headers().first("signature-input").orElseThrow()
                .startsWith("sig1=(\"@method\" \"@target-uri\");created="));
        assertTrue(getRfc.headers().first("signature-input").orElseThrow().endsWith(";alg=\"ed25519\""));
    }

    @ParameterizedTest
    @MethodSource("schemesAndKeys")
    void tamperedBodyIsADigestMismatch(Scheme scheme, SigningKey key) {
        SignedRequest signed = signerAt(NOW).sign(scheme, post(), KEY_ID, key);
        SignedRequest tampered = new SignedRequest(signed.method(), signed.target(), signed.headers(),
                "{\"type\":\"Block\"}".getBytes(StandardCharsets.UTF_8));

        assertEquals(Reason.DIGEST_MISMATCH, rejection(tampered, only(key.verificationKey())));
    }

    @ParameterizedTest
    @MethodSource("schemesAndKeys")
    void tamperedSignedHeaderOrTargetIsABadSignature(Scheme scheme, SigningKey key) {
        SignedRequest signed = signerAt(NOW).sign(scheme, post(), KEY_ID, key);
        SignedRequest otherType = signed.withHeaders(signed.headers().with("Content-Type", "text/plain"));
        SignedRequest otherTarget = new SignedRequest("POST", URI.create("https://b.example/users/carol/inbox"),
                signed.headers(), signed.body());

        if (scheme == Scheme.CAVAGE) {
            assertEquals(Reason.BAD_SIGNATURE, rejection(otherType, only(key.verificationKey())));
        }
        assertEquals(Reason.BAD_SIGNATURE, rejection(otherTarget, only(key.verificationKey())));
    }

    @ParameterizedTest
    @MethodSource("schemesAndKeys")
    void staleAndFutureSignaturesAreRefused(Scheme scheme, SigningKey key) {
        SignedRequest old = signerAt(NOW.minus(Duration.ofMinutes(66))).sign(scheme, post(), KEY_ID, key);
        SignedRequest future = signerAt(NOW.plus(Duration.ofMinutes(61))).sign(scheme, post(), KEY_ID, key);
        SignedRequest slightlyAhead = signerAt(NOW.plus(Duration.ofMinutes(10))).sign(scheme, post(), KEY_ID, key);

        assertEquals(Reason.STALE, rejection(old, only(key.verificationKey())));
        assertEquals(Reason.FUTURE, rejection(future, only(key.verificationKey())));
        assertInstanceOf(VerificationResult.Verified.class,
                verifier.verify(slightlyAhead, only(key.verificationKey()), NOW));
    }

    @Test
    void theMaximumAgeIsConfigurable() {
        SignedRequest sixMinutesOld = signerAt(NOW.minus(Duration.ofMinutes(6))).signCavage(post(), KEY_ID, RSA);

        assertInstanceOf(VerificationResult.Verified.class,
                verifier.verify(sixMinutesOld, only(RSA.verificationKey()), NOW));
        assertEquals(Reason.STALE, assertInstanceOf(VerificationResult.Rejected.class,
                new HttpSignatureVerifier(Duration.ofMinutes(5))
                        .verify(sixMinutesOld, only(RSA.verificationKey()), NOW)).reason());
    }

    @Test
    void anExpiredRfc9421SignatureIsStale() {
        SignedRequest request = signerAt(NOW).signRfc9421(get(), KEY_ID, ED25519);
        StructuredFields.InnerList input = (StructuredFields.InnerList) StructuredFields.parseDictionary(
                "sig1=(\"@method\" \"@target-uri\");created=" + NOW.getEpochSecond() + ";expires="
                        + (NOW.getEpochSecond() + 30) + ";keyid=\"" + KEY_ID + "\"").get("sig1");
        byte[] signature = SignatureAlgorithm.ED25519.sign(ED25519,
                Rfc9421.signatureBase(request, input).getBytes(StandardCharsets.UTF_8));
        SignedRequest signed = request.withHeaders(request.headers()
                .with("Signature-Input", "sig1=" + StructuredFields.serialize(input))
                .with("Signature", "sig1=:" + java.util.Base64.getEncoder().encodeToString(signature) + ":"));

        assertInstanceOf(VerificationResult.Verified.class,
                verifier.verify(signed, only(ED25519.verificationKey()), NOW.plusSeconds(29)));
        VerificationResult later = verifier.verify(signed, only(ED25519.verificationKey()), NOW.plusSeconds(31));
        assertEquals(Reason.STALE, assertInstanceOf(VerificationResult.Rejected.class, later).reason());
    }

    @ParameterizedTest
    @MethodSource("schemesAndKeys")
    void aPostWithoutItsDigestIsMissingARequiredComponent(Scheme scheme, SigningKey key) {
        SignedRequest signed = signerAt(NOW).sign(scheme, post(), KEY_ID, key);
        String digestHeader = scheme == Scheme.CAVAGE ? "digest" : "content-digest";
        var withoutDigest = new java.util.LinkedHashMap<>(signed.headers().values());
        withoutDigest.remove(digestHeader);

        assertEquals(Reason.MISSING_REQUIRED_COMPONENT,
                rejection(signed.withHeaders(new Headers(withoutDigest)), only(key.verificationKey())));
    }

    @Test
    void aCavagePostWhoseSignatureLeavesOutDigestIsMissingARequiredComponent() {
        SignedRequest signed = signerAt(NOW).signCavage(post(), KEY_ID, RSA);
        String header = signed.headers().first("signature").orElseThrow()
                .replace("headers=\"(request-target) host date digest content-type\"",
                        "headers=\"(request-target) host date content-type\"");

        assertEquals(Reason.MISSING_REQUIRED_COMPONENT,
                rejection(signed.withHeaders(signed.headers().with("Signature", header)), only(RSA.verificationKey())));
    }

    @ParameterizedTest
    @MethodSource("schemesAndKeys")
    void anUnknownKeyIsReportedAsSuch(Scheme scheme, SigningKey key) {
        SignedRequest signed = signerAt(NOW).sign(scheme, post(), "https://a.example/users/nobody#main-key", key);

        assertEquals(Reason.UNKNOWN_KEY, rejection(signed, only(key.verificationKey())));
    }

    @ParameterizedTest
    @MethodSource("schemesAndKeys")
    void aRotatedKeyIsAcceptedAfterExactlyOneRefresh(Scheme scheme, SigningKey newKey) {
        SigningKey oldKey = newKey.type() == social.muse.federation.keys.KeyType.RSA
                ? SigningKey.generateRsa() : SigningKey.generateEd25519();
        SignedRequest signed = signerAt(NOW).sign(scheme, post(), KEY_ID, newKey);
        List<Boolean> calls = new ArrayList<>();
        KeyResolver rotating = (keyId, refresh) -> {
            calls.add(refresh);
            return Optional.of(refresh ? newKey.verificationKey() : oldKey.verificationKey());
        };

        VerificationResult result = verifier.verify(signed, rotating, NOW);

        VerificationResult.Verified verified = assertInstanceOf(VerificationResult.Verified.class, result);
        assertEquals(newKey.verificationKey(), verified.key());
        assertEquals(List.of(false, true), calls);
    }

    @Test
    void aWrongKeyIsABadSignatureAfterOneRefreshAndAGoodOneNeedsNoRefresh() {
        SignedRequest signed = signerAt(NOW).signRfc9421(post(), KEY_ID, RSA);
        List<Boolean> calls = new ArrayList<>();
        VerificationKey other = SigningKey.generateRsa().verificationKey();

        assertEquals(Reason.BAD_SIGNATURE, rejection(signed, (keyId, refresh) -> {
            calls.add(refresh);
            return Optional.of(other);
        }));
        assertEquals(List.of(false, true), calls);

        calls.clear();
        verifier.verify(signed, (keyId, refresh) -> {
            calls.add(refresh);
            return Optional.of(RSA.verificationKey());
        }, NOW);
        assertEquals(List.of(false), calls);
    }

    @Test
    void aResolverThatThrowsMeansAnUnknownKey() {
        SignedRequest signed = signerAt(NOW).signCavage(get(), KEY_ID, RSA);

        assertEquals(Reason.UNKNOWN_KEY, rejection(signed, (keyId, refresh) -> {
            throw new IllegalStateException("database down");
        }));
    }

    /** Mastodon's quirk: some senders sign (request-target) without the query string. */
    @Test
    void cavageRequestTargetIsAcceptedWithoutTheQueryString() {
        SignedRequest request = get();
        SignedRequest signedWithoutQuery = signerAt(NOW).signCavage(
                SignedRequest.of("GET", URI.create("https://b.example/users/bob/outbox"), request.headers()),
                KEY_ID, RSA);
        SignedRequest arrived = new SignedRequest("GET", request.target(), signedWithoutQuery.headers(), null);

        assertInstanceOf(VerificationResult.Verified.class, verifier.verify(arrived, only(RSA.verificationKey()), NOW));
        SignedRequest otherQuery = new SignedRequest("GET", URI.create("https://b.example/users/bob/outbox?page=2"),
                signerAt(NOW).signCavage(request, KEY_ID, RSA).headers(), null);
        assertEquals(Reason.BAD_SIGNATURE, rejection(otherQuery, only(RSA.verificationKey())));
    }

    @Test
    void aCavageGetMustSignHost() {
        SignedRequest signed = signerAt(NOW).signCavage(get(), KEY_ID, RSA);
        String header = signed.headers().first("signature").orElseThrow()
                .replace("headers=\"(request-target) host date accept\"", "headers=\"(request-target) date accept\"");

        assertEquals(Reason.MISSING_REQUIRED_COMPONENT,
                rejection(signed.withHeaders(signed.headers().with("Signature", header)), only(RSA.verificationKey())));
    }

    @Test
    void unsupportedAlgorithmsAreNamedAsSuch() {
        SignedRequest cavage = signerAt(NOW).signCavage(get(), KEY_ID, RSA);
        String hmac = cavage.headers().first("signature").orElseThrow().replace("rsa-sha256", "hmac-sha256");
        SignedRequest rfc = signerAt(NOW).signRfc9421(get(), KEY_ID, RSA);
        String ecdsa = rfc.headers().first("signature-input").orElseThrow()
                .replace("rsa-v1_5-sha256", "ecdsa-p256-sha256");

        assertEquals(Reason.UNSUPPORTED_ALGORITHM,
                rejection(cavage.withHeaders(cavage.headers().with("Signature", hmac)), only(RSA.verificationKey())));
        assertEquals(Reason.UNSUPPORTED_ALGORITHM,
                rejection(rfc.withHeaders(rfc.headers().with("Signature-Input", ecdsa)), only(RSA.verificationKey())));
    }

    @Test
    void aDigestWithSeveralAlgorithmsIsAcceptedWhenTheSupportedOnesMatch() {
        String sha512 = java.util.Base64.getEncoder().encodeToString(Digests.sha512(BODY));
        String both = "MD5=AAAA, " + Digests.digestHeader(BODY) + ", SHA-512=" + sha512;

        assertTrue(Digests.checkDigestHeader(both, BODY).isEmpty());
        assertEquals(Reason.UNSUPPORTED_ALGORITHM,
                Digests.checkDigestHeader("MD5=AAAA", BODY).orElseThrow().reason());
        assertEquals(Reason.DIGEST_MISMATCH,
                Digests.checkDigestHeader(Digests.digestHeader(BODY) + ",SHA-512=" + sha512.replace('A', 'B'), BODY)
                        .orElseThrow().reason());
    }

    @Test
    void anUnsignedRequestIsMissingItsSignature() {
        assertEquals(Reason.MISSING_SIGNATURE, rejection(post(), only(RSA.verificationKey())));
        assertEquals(Reason.MISSING_SIGNATURE,
                rejection(post().withHeaders(Headers.of("Authorization", "Bearer abc")), only(RSA.verificationKey())));
    }
}
