package social.muse.federation.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import social.muse.federation.keys.SigningKey;
import social.muse.federation.signature.VerificationResult.Reason;

/** Garbage in, a typed rejection out: the verifier never throws and never asks for a key for junk. */
class HostileInputTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final SigningKey KEY = SigningKey.generateEd25519();
    private static final String KEY_ID = "https://a.example/actor#key";

    private final HttpSignatureVerifier verifier = new HttpSignatureVerifier();
    private final AtomicInteger lookups = new AtomicInteger();
    private final KeyResolver resolver = (keyId, refresh) -> {
        lookups.incrementAndGet();
        return Optional.of(KEY.verificationKey());
    };

    private SignedRequest validCavage() {
        return new HttpSigner(Clock.fixed(NOW, ZoneOffset.UTC)).signCavage(new SignedRequest("POST",
                URI.create("https://b.example/inbox"), Headers.of("Content-Type", "application/activity+json"),
                "{}".getBytes(StandardCharsets.UTF_8)), KEY_ID, KEY);
    }

    private SignedRequest validRfc9421() {
        return new HttpSigner(Clock.fixed(NOW, ZoneOffset.UTC)).signRfc9421(new SignedRequest("POST",
                URI.create("https://b.example/inbox"), Headers.of("Content-Type", "application/activity+json"),
                "{}".getBytes(StandardCharsets.UTF_8)), KEY_ID, KEY);
    }

    private Reason rejection(SignedRequest request) {
        return assertInstanceOf(VerificationResult.Rejected.class, verifier.verify(request, resolver, NOW)).reason();
    }

    @Test
    void garbledCavageHeadersAreMalformedAndNeverReachTheResolver() {
        SignedRequest base = validCavage();
        List<String> garbage = List.of(
                "", ",,,", "keyId", "keyId=", "keyId=\"unterminated", "=\"x\"", "keyId=\"a\",keyId=\"b\"",
                "keyId=\"k\",signature=\"not base64!!\"", "keyId=\"k\",signature=\"\"",
                "keyId=\"k\",headers=\"(request-target) host date digest\",signature=\"AAAA\",created=abc",
                "keyId=\"k\",headers=\"date date\",signature=\"AAAA\"",
                "keyId=\"k\",headers=\"   \",signature=\"AAAA\"",
                "keyId=\"k\",signature=\"" + "A".repeat(4000) + "\"",
                "keyId=\"" + "x".repeat(20_000) + "\"",
                "\u0000\u0001\u00ff\uffff");
        for (String value : garbage) {
            Reason reason = rejection(base.withHeaders(base.headers().with("Signature", value)));
            assertTrue(reason == Reason.MALFORMED || reason == Reason.MISSING_REQUIRED_COMPONENT,
                    () -> value + " gave " + reason);
        }
        assertEquals(0, lookups.get());
    }

    @Test
    void aHugeHeadersListIsRefused() {
        SignedRequest base = validCavage();
        String header = "keyId=\"k\",headers=\"" + "(request-target) date host digest ".repeat(1)
                + "x-a ".repeat(100) + "\",signature=\"AAAA\"";

        assertEquals(Reason.MALFORMED, rejection(base.withHeaders(base.headers().with("Signature", header))));
    }

    @Test
    void garbledStructuredFieldsAreMalformed() {
        SignedRequest base = validRfc9421();
        String input = base.headers().first("signature-input").orElseThrow();
        String signature = base.headers().first("signature").orElseThrow();
        List<String[]> cases = List.of(
                new String[] {"sig1=(\"@method\"", signature},
                new String[] {"sig1=\"not a list\"", signature},
                new String[] {input, "sig1=:not base64!:"},
                new String[] {input, "sig1=\"string\""},
                new String[] {input, "other=:AAAA:"},
                new String[] {input.replace("keyid=", "keyjd="), signature},
                new String[] {input.replace("\"@target-uri\"", "\"@target-uri\" \"@status\""), signature},
                new String[] {input.replace("\"@target-uri\"", "\"@target-uri\" \"x-missing\""), signature},
                new String[] {input.replace("\"@target-uri\"", "\"@target-uri\" \"@target-uri\""), signature},
                new String[] {input.replace("\"@target-uri\"", "\"@target-uri\";sf"), signature},
                new String[] {input + ",", signature},
                new String[] {"SIG1=()", signature},
                new String[] {"sig1=(" + "\"a\" ".repeat(200) + ")", signature},
                new String[] {input, "sig1=:" + "A".repeat(4000) + ":"});
        for (String[] headers : cases) {
            Reason reason = rejection(base.withHeaders(base.headers()
                    .with("Signature-Input", headers[0]).with("Signature", headers[1])));
            assertEquals(Reason.MALFORMED, reason, () -> String.join(" / ", headers));
        }
        assertEquals(0, lookups.get());
    }

    @Test
    void randomBytesInEverySignatureHeaderNeverThrow() {
        Random random = new Random(42);
        SignedRequest cavage = validCavage();
        SignedRequest rfc = validRfc9421();
        String alphabet = "abcdefghijklmnopqrstuvwxyz=\"(),;:@*-. \\/+?0123456789ABCXYZ\t";
        for (int i = 0; i < 3_000; i++) {
            String noise = randomText(random, alphabet, random.nextInt(200));
            SignedRequest base = random.nextBoolean() ? cavage : rfc;
            String header = base == cavage
                    ? List.of("signature", "authorization").get(random.nextInt(2))
                    : List.of("signature", "signature-input", "content-digest", "digest").get(random.nextInt(4));
            String existing = base.headers().first(header).orElse("");
            String value = switch (random.nextInt(3)) {
                case 0 -> noise;
                case 1 -> existing.substring(0, random.nextInt(existing.length() + 1)) + noise;
                default -> mutate(random, existing);
            };
            if (header.equals("authorization")) {
                value = "Signature " + value;
            }
            VerificationResult result = verifier.verify(base.withHeaders(base.headers().with(header, value)),
                    resolver, NOW);
            assertTrue(result instanceof VerificationResult.Rejected || result instanceof VerificationResult.Verified);
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String mutate(Random random, String text) {
        if (text.isEmpty()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = 0; i < 3; i++) {
            chars[random.nextInt(chars.length)] = (char) random.nextInt(0x80);
        }
        return new String(chars);
    }
}
