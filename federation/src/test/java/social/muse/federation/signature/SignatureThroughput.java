package social.muse.federation.signature;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

import social.muse.federation.keys.SigningKey;

/**
 * A quick single-thread throughput check, not a test: full verifications per second of a signed 4 KiB POST for both
 * schemes with RSA-2048, against the raw JDK RSA verify in the same run. Run with
 * {@code java -cp federation/target/classes:federation/target/test-classes:<bcprov.jar> social.muse.federation.signature.SignatureThroughput}.
 */
public final class SignatureThroughput {

    private static final long WARM_UP_NANOS = 500_000_000L;
    private static final long MEASURE_NANOS = 2_000_000_000L;

    private SignatureThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Instant now = Instant.parse("2026-03-01T12:00:00Z");
        SigningKey.Rsa key = SigningKey.generateRsa();
        byte[] body = new byte[4096];
        Arrays.fill(body, (byte) 'a');
        SignedRequest post = new SignedRequest("POST", URI.create("https://b.example/users/bob/inbox"),
                Headers.of("Content-Type", "application/activity+json"), body);
        HttpSigner signer = new HttpSigner(Clock.fixed(now, ZoneOffset.UTC));
        SignedRequest cavage = signer.signCavage(post, "https://a.example/actor#main-key", key);
        SignedRequest rfc9421 = signer.signRfc9421(post, "https://a.example/actor#main-key", key);
        HttpSignatureVerifier verifier = new HttpSignatureVerifier();
        var publicKey = key.verificationKey();
        KeyResolver resolver = (keyId, refresh) -> Optional.of(publicKey);

        byte[] data = "(request-target): post /users/bob/inbox\nhost: b.example\ndate: Sun, 01 Mar 2026 12:00:00 GMT"
                .getBytes(StandardCharsets.UTF_8);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key.key());
        rsa.update(data);
        byte[] rawSignature = rsa.sign();

        Runnable raw = () -> {
            try {
                Signature verify = Signature.getInstance("SHA256withRSA");
                verify.initVerify(publicKey.key());
                verify.update(data);
                if (!verify.verify(rawSignature)) {
                    throw new IllegalStateException("raw verify failed");
                }
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
        Runnable cavageVerify = () -> check(verifier.verify(cavage, resolver, now));
        Runnable rfcVerify = () -> check(verifier.verify(rfc9421, resolver, now));

        // interleaved rounds, best of each: the machine is shared, so a single pass mostly measures the neighbours
        double baseline = 0;
        double cavageRate = 0;
        double rfcRate = 0;
        for (int round = 0; round < 3; round++) {
            baseline = Math.max(baseline, rate(raw));
            cavageRate = Math.max(cavageRate, rate(cavageVerify));
            rfcRate = Math.max(rfcRate, rate(rfcVerify));
        }
        System.out.printf("raw JDK RSA-2048 verify : %8.0f/s%n", baseline);
        System.out.printf("cavage POST 4 KiB       : %8.0f/s  (%.2f of baseline)%n", cavageRate, cavageRate / baseline);
        System.out.printf("RFC 9421 POST 4 KiB     : %8.0f/s  (%.2f of baseline)%n", rfcRate, rfcRate / baseline);
    }

    private static void check(VerificationResult result) {
        if (!(result instanceof VerificationResult.Verified)) {
            throw new IllegalStateException("not verified: " + result);
        }
    }

    private static double rate(Runnable operation) {
        run(operation, WARM_UP_NANOS);
        return run(operation, MEASURE_NANOS);
    }

    private static double run(Runnable operation, long nanos) {
        long start = System.nanoTime();
        long count = 0;
        long elapsed;
        do {
            for (int i = 0; i < 100; i++) {
                operation.run();
            }
            count += 100;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return count * 1e9 / elapsed;
    }
}
