package social.muse.federation.signature;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import social.muse.federation.keys.VerificationKey;
import social.muse.federation.signature.StructuredFields.ByteSequence;
import social.muse.federation.signature.StructuredFields.InnerList;
import social.muse.federation.signature.StructuredFields.Item;
import social.muse.federation.signature.StructuredFields.Member;
import social.muse.federation.signature.VerificationResult.Reason;
import social.muse.federation.signature.VerificationResult.Rejected;
import social.muse.federation.signature.VerificationResult.Verified;

/**
 * Verifies inbound HTTP signatures, RFC 9421 ({@code Signature-Input}) or draft-cavage-12 ({@code Signature} or
 * {@code Authorization: Signature}), with the rules Mastodon applies, so that whatever Mastodon accepts we accept:
 *
 * <ul>
 *   <li>cavage: {@code rsa-sha256} or {@code hs2019} (meaning: whatever the key is, RSA-SHA256 or Ed25519); the
 *       signature must cover {@code (request-target)} (checked with and without the query string, since senders
 *       disagree), {@code date} or {@code (created)}, {@code host} on GET/HEAD, and {@code digest} when there is a
 *       body or the method is POST, with a {@code Digest} that matches the body;</li>
 *   <li>RFC 9421: {@code rsa-v1_5-sha256}, {@code ed25519} and (verify only) {@code rsa-pss-sha512}, or without
 *       {@code alg} whatever the key is; {@code created} and {@code keyid} are required, {@code @method} and
 *       {@code @target-uri} must be covered, and {@code content-digest} (sha-256 or sha-512) when there is a body or
 *       the method is POST;</li>
 *   <li>a present {@code Digest} or {@code Content-Digest} must match the body even when it is not required.</li>
 * </ul>
 *
 * <p>Freshness: a signature dated more than {@link #MAX_FUTURE_SKEW} ahead is refused, and so is one older than the
 * configured maximum age or past its {@code expires}. The default age, {@link #DEFAULT_MAX_AGE} = 65 minutes, is
 * Mastodon's effective window (1 h skew margin plus its 5-minute default validity). A stricter window (BookWyrm uses
 * 5 min) buys little here because replayed activities are dropped by activity id anyway, while it would refuse
 * deliveries from peers whose clocks or queues lag by a few minutes, which peers tuned against Mastodon never notice.
 *
 * <p>Cheap checks (parsing, coverage, digest, freshness) all run before the key is resolved, so a junk request never
 * makes us fetch a key. {@link #verify} never throws on bad input: every problem is a {@link Rejected} whose message
 * is safe to return to the sender. Instances are immutable and thread-safe.
 */
public final class HttpSignatureVerifier {

    /** Mastodon's effective acceptance window for a signature without {@code expires}. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(65);
    /** How far ahead of our clock a signature may be dated (Mastodon's clock-skew margin). */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofHours(1);

    private final Duration maxAge;

    /** A verifier with {@link #DEFAULT_MAX_AGE}. */
    public HttpSignatureVerifier() {
        this(DEFAULT_MAX_AGE);
    }

    /** @param maxAge how old a signature ({@code created}, else {@code Date}) may be */
    public HttpSignatureVerifier(Duration maxAge) {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive");
        }
        this.maxAge = maxAge;
    }

    /**
     * Verifies the request's signature.
     *
     * @param resolver asked once for the key and, only when the signature fails with it, once more with refresh
     * @param now the current time (the caller's clock)
     */
    public VerificationResult verify(SignedRequest request, KeyResolver resolver, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(now, "now");
        Candidate candidate;
        try {
            Headers headers = request.headers();
            if (headers.contains(Rfc9421.SIGNATURE_INPUT)) {
                candidate = rfc9421(request, now);
            } else if (headers.contains(Rfc9421.SIGNATURE)) {
                candidate = cavage(request, headers.combined(Rfc9421.SIGNATURE).orElseThrow(), now);
            } else {
                Optional<String> authorization = headers.first("authorization")
                        .filter(value -> value.regionMatches(true, 0, "Signature ", 0, 10));
                if (authorization.isEmpty()) {
                    return new Rejected(Reason.MISSING_SIGNATURE, "the request is not signed");
                }
                candidate = cavage(request, authorization.get().substring(10), now);
            }
        } catch (RejectedException e) {
            return e.rejected;
        } catch (RuntimeException e) {
            return new Rejected(Reason.MALFORMED, safe(e));
        }
        return checkWithKey(candidate, resolver);
    }

    /** Everything about a signature that is known before its key: what to verify and how. */
    private record Candidate(String keyId, Scheme scheme, Optional<SignatureAlgorithm> algorithm,
                             List<byte[]> signedData, byte[] signature, List<String> components, Instant signedAt) {
    }

    private VerificationResult checkWithKey(Candidate candidate, KeyResolver resolver) {
        Optional<VerificationKey> cached = resolve(resolver, candidate.keyId(), false);
        if (cached.isEmpty()) {
            return new Rejected(Reason.UNKNOWN_KEY, "the signing key could not be found");
        }
        if (matches(candidate, cached.get())) {
            return verified(candidate, cached.get());
        }
        // the sender may have rotated its key since we cached it
        Optional<VerificationKey> refreshed = resolve(resolver, candidate.keyId(), true);
        if (refreshed.isEmpty()) {
            return new Rejected(Reason.UNKNOWN_KEY, "the signing key could not be found");
        }
        if (matches(candidate, refreshed.get())) {
            return verified(candidate, refreshed.get());
        }
        return new Rejected(Reason.BAD_SIGNATURE, "the signature does not verify");
    }

    private static Optional<VerificationKey> resolve(KeyResolver resolver, String keyId, boolean refresh) {
        try {
            Optional<VerificationKey> key = resolver.resolve(keyId, refresh);
            return key == null ? Optional.empty() : key;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean matches(Candidate candidate, VerificationKey key) {
        SignatureAlgorithm algorithm = candidate.algorithm().orElse(SignatureAlgorithm.defaultFor(key.type()));
        for (byte[] data : candidate.signedData()) {
            if (algorithm.verify(key, data, candidate.signature())) {
                return true;
            }
        }
        return false;
    }

    private static Verified verified(Candidate candidate, VerificationKey key) {
        return new Verified(candidate.keyId(), candidate.scheme(), key, candidate.components(), candidate.signedAt());
    }

    // ---- draft-cavage-12

    private Candidate cavage(SignedRequest request, String header, Instant now) {
        Cavage.Parameters parameters = Cavage.parse(header);
        Optional<SignatureAlgorithm> algorithm = cavageAlgorithm(parameters.algorithm());
        List<String> covered = parameters.headers();
        if (!covered.contains(Cavage.REQUEST_TARGET)) {
            throw reject(Reason.MISSING_REQUIRED_COMPONENT, "the signature must cover (request-target)");
        }
        if (!covered.contains("date") && !covered.contains(Cavage.CREATED)) {
            throw reject(Reason.MISSING_REQUIRED_COMPONENT, "the signature must cover date or (created)");
        }
        if (isGetOrHead(request) && !covered.contains("host")) {
            throw reject(Reason.MISSING_REQUIRED_COMPONENT, "a GET signature must cover host");
        }
        if (needsBodyDigest(request) && !covered.contains("digest")) {
            throw reject(Reason.MISSING_REQUIRED_COMPONENT, "the signature must cover digest");
        }
        Optional<String> digest = request.headers().combined("digest");
        if (needsBodyDigest(request) && digest.isEmpty()) {
            throw reject(Reason.MISSING_REQUIRED_COMPONENT, "the Digest header is missing");
        }
        if (digest.isPresent()) {
            Digests.checkDigestHeader(digest.get(), request.body()).ifPresent(rejected -> {
                throw new RejectedException(rejected);
            });
        }
        Instant signedAt = null;
        if (covered.contains(Cavage.CREATED) || parameters.created() != null) {
            if (parameters.created() == null) {
                throw reject(Reason.MALFORMED, "(created) is signed but the created parameter is missing");
            }
            signedAt = Instant.ofEpochSecond(parameters.created());
            checkAge(signedAt, now);
        }
        if (covered.contains("date")) {
            String dateText = Cavage.headerValue(request, "date");
            Instant date = HttpDates.parse(dateText)
                    .orElseThrow(() -> reject(Reason.MALFORMED, "the Date header is not an HTTP date"));
            checkAge(date, now);
            signedAt = signedAt == null ? date : signedAt;
        }
        if (parameters.expires() != null) {
            checkExpires(Instant.ofEpochSecond(parameters.expires()), now);
        }
        String withQuery = Cavage.signingString(request, covered, parameters.created(), parameters.expires(), true);
        List<byte[]> signedData = RequestTarget.query(request.target()) == null
                ? List.of(utf8(withQuery))
                : List.of(utf8(withQuery), utf8(Cavage.signingString(request, covered, parameters.created(),
                        parameters.expires(), false)));
        return new Candidate(parameters.keyId(), Scheme.CAVAGE, algorithm, signedData, parameters.signature(),
                covered, signedAt);
    }

    private static Optional<SignatureAlgorithm> cavageAlgorithm(String algorithm) {
        if (algorithm == null || "hs2019".equals(algorithm)) {
            return Optional.empty();
        }
        if ("rsa-sha256".equals(algorithm)) {
            return Optional.of(SignatureAlgorithm.RSA_V1_5_SHA256);
        }
        throw reject(Reason.UNSUPPORTED_ALGORITHM, "unsupported signature algorithm");
    }

    // ---- RFC 9421

    private Candidate rfc9421(SignedRequest request, Instant now) {
        String inputHeader = request.headers().combined(Rfc9421.SIGNATURE_INPUT).orElseThrow();
        String signatureHeader = request.headers().combined(Rfc9421.SIGNATURE)
                .orElseThrow(() -> reject(Reason.MALFORMED, "Signature-Input without Signature"));
        if (inputHeader.length() > Rfc9421.MAX_HEADER_CHARS || signatureHeader.length() > Rfc9421.MAX_HEADER_CHARS) {
            throw reject(Reason.MALFORMED, "the signature headers are too long");
        }
        Map<String, Member> inputs = StructuredFields.parseDictionary(inputHeader);
        Map<String, Member> signatures = StructuredFields.parseDictionary(signatureHeader);
        // only the first label that has both an input and a signature is checked: one expensive verification per request
        String label = inputs.keySet().stream().filter(signatures::containsKey).findFirst()
                .orElseThrow(() -> reject(Reason.MALFORMED, "no signature matches a Signature-Input label"));
        if (!(inputs.get(label) instanceof InnerList input)) {
            throw reject(Reason.MALFORMED, "Signature-Input members must be inner lists");
        }
        if (!(signatures.get(label) instanceof Item signatureItem
                && signatureItem.value() instanceof ByteSequence signature)) {
            throw reject(Reason.MALFORMED, "Signature members must be byte sequences");
        }
        if (signature.bytes().length == 0 || signature.bytes().length > 1_024) {
            throw reject(Reason.MALFORMED, "the signature has an impossible length");
        }
        Map<String, Object> parameters = input.parameters();
        String keyId = parameter(parameters, "keyid", String.class);
        if (keyId == null || keyId.isEmpty()) {
            throw reject(Reason.MALFORMED, "the signature has no keyid");
        }
        Optional<SignatureAlgorithm> algorithm = Optional.empty();
        String alg = parameter(parameters, "alg", String.class);
        if (alg != null) {
            algorithm = Optional.of(SignatureAlgorithm.fromRfc9421Name(alg)
                    .orElseThrow(() -> reject(Reason.UNSUPPORTED_ALGORITHM, "unsupported signature algorithm")));
        }
        Long created = parameter(parameters, "created", Long.class);
        if (created == null) {
            throw reject(Reason.MISSING_REQUIRED_COMPONENT, "the signature must have a created parameter");
        }
        List<String> components = Rfc9421.componentNames(input);
        if (!components.contains("@method") || !components.contains("@target-uri")) {
            throw reject(Reason.MISSING_REQUIRED_COMPONENT, "the signature must cover @method and @target-uri");
        }
        boolean digestRequired = needsBodyDigest(request);
        if (digestRequired && !components.contains(Rfc9421.CONTENT_DIGEST)) {
            throw reject(Reason.MISSING_REQUIRED_COMPONENT, "the signature must cover content-digest");
        }
        Optional<String> contentDigest = request.headers().combined(Rfc9421.CONTENT_DIGEST);
        if (digestRequired && contentDigest.isEmpty()) {
            throw reject(Reason.MISSING_REQUIRED_COMPONENT, "the Content-Digest header is missing");
        }
        if (contentDigest.isPresent()) {
            Digests.checkContentDigest(contentDigest.get(), request.body()).ifPresent(rejected -> {
                throw new RejectedException(rejected);
            });
        }
        Instant signedAt = Instant.ofEpochSecond(created);
        checkAge(signedAt, now);
        Long expires = parameter(parameters, "expires", Long.class);
        if (expires != null) {
            checkExpires(Instant.ofEpochSecond(expires), now);
        }
        String base = Rfc9421.signatureBase(request, input);
        return new Candidate(keyId, Scheme.RFC9421, algorithm, List.of(utf8(base)), signature.bytes(), components,
                signedAt);
    }

    private static <T> T parameter(Map<String, Object> parameters, String name, Class<T> type) {
        Object value = parameters.get(name);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw reject(Reason.MALFORMED, "the " + name + " parameter has the wrong type");
        }
        return type.cast(value);
    }

    // ---- shared rules

    private void checkAge(Instant signedAt, Instant now) {
        if (signedAt.isAfter(now.plus(MAX_FUTURE_SKEW))) {
            throw reject(Reason.FUTURE, "the signature is dated in the future");
        }
        if (signedAt.isBefore(now.minus(maxAge))) {
            throw reject(Reason.STALE, "the signature is too old");
        }
    }

    private static void checkExpires(Instant expires, Instant now) {
        if (expires.isBefore(now)) {
            throw reject(Reason.STALE, "the signature has expired");
        }
    }

    private static boolean isGetOrHead(SignedRequest request) {
        String method = request.method().toUpperCase(Locale.ROOT);
        return method.equals("GET") || method.equals("HEAD");
    }

    private static boolean needsBodyDigest(SignedRequest request) {
        return request.hasBody() || request.method().equalsIgnoreCase("POST");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Parsers throw IllegalArgumentExceptions written by us, naming no secrets; anything else gets a fixed text. */
    private static String safe(RuntimeException e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().length() <= 200
                ? e.getMessage() : "the signature could not be processed";
    }

    private static RejectedException reject(Reason reason, String message) {
        return new RejectedException(new Rejected(reason, message));
    }

    /** Carries a rejection out of the parsing steps; never escapes {@link #verify}. */
    private static final class RejectedException extends RuntimeException {
        private final transient Rejected rejected;

        RejectedException(Rejected rejected) {
            super(rejected.safeMessage(), null, false, false);
            this.rejected = rejected;
        }
    }
}
