package social.muse.federation.signature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import social.muse.federation.keys.Pem;
import social.muse.federation.keys.SigningKey;
import social.muse.federation.keys.VerificationKey;
import social.muse.federation.signature.VerificationResult.Reason;

/** draft-cavage-http-signatures-12 Appendix C: all three signatures reproduced and verified. */
class CavageVectorsTest {

    private static final Properties VECTORS = Vectors.properties("cavage-appendix-c.properties");
    private static final SigningKey PRIVATE = Pem.decodePrivateKey(Vectors.text("cavage-test-key.pem"));
    private static final VerificationKey PUBLIC = Pem.decodePublicKey(Vectors.text("cavage-test-key.pub.pem"));
    private static final Instant SIGNED_AT = Instant.parse("2014-01-05T21:31:40Z");

    private static SignedRequest request(String signatureHeaderName, String signatureHeaderValue) {
        Headers headers = Headers.of(
                "Host", "example.com",
                "Date", VECTORS.getProperty("request.date"),
                "Content-Type", "application/json",
                "Digest", VECTORS.getProperty("request.digest"),
                "Content-Length", "18");
        if (signatureHeaderName != null) {
            headers = headers.with(signatureHeaderName, signatureHeaderValue);
        }
        return new SignedRequest("POST", URI.create(VECTORS.getProperty("request.target")), headers,
                VECTORS.getProperty("request.body").getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> headers(String vector) {
        return List.of(VECTORS.getProperty(vector + ".headers").split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"c1", "c2", "c3"})
    void signingStringAndSignatureAreReproduced(String vector) {
        String signingString = Cavage.signingString(request(null, null), headers(vector), null, null, true);
        assertEquals(VECTORS.getProperty(vector + ".signingString"), signingString);

        byte[] data = signingString.getBytes(StandardCharsets.UTF_8);
        byte[] signature = SignatureAlgorithm.RSA_V1_5_SHA256.sign(PRIVATE, data);

        byte[] published = Base64.getDecoder().decode(VECTORS.getProperty(vector + ".signature"));
        assertArrayEquals(published, signature);
        assertTrue(SignatureAlgorithm.RSA_V1_5_SHA256.verify(PUBLIC, data, published));
    }

    @Test
    void theRequestsDigestMatchesItsBody() {
        assertEquals(VECTORS.getProperty("request.digest"),
                Digests.digestHeader(VECTORS.getProperty("request.body").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fullVerifierAcceptsTheAllHeadersSignatureInBothHeaderForms() {
        String value = "keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"" + VECTORS.getProperty("c3.headers")
                + "\",signature=\"" + VECTORS.getProperty("c3.signature") + "\"";
        for (SignedRequest signed : List.of(request("Signature", value), request("Authorization", "Signature " + value))) {
            VerificationResult result = new HttpSignatureVerifier()
                    .verify(signed, (keyId, refresh) -> "Test".equals(keyId) ? Optional.of(PUBLIC) : Optional.empty(), SIGNED_AT);

            VerificationResult.Verified verified = assertInstanceOf(VerificationResult.Verified.class, result);
            assertEquals(Scheme.CAVAGE, verified.scheme());
            assertEquals(SIGNED_AT, verified.signedAt());
            assertEquals(headers("c3"), verified.components());
        }
    }

    @Test
    void fullVerifierRefusesTheWeakerVectorsForWhatTheyLeaveOut() {
        String c1 = "keyId=\"Test\",algorithm=\"rsa-sha256\",signature=\"" + VECTORS.getProperty("c1.signature") + "\"";
        String c2 = "keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"" + VECTORS.getProperty("c2.headers")
                + "\",signature=\"" + VECTORS.getProperty("c2.signature") + "\"";
        for (String value : List.of(c1, c2)) {
            VerificationResult result = new HttpSignatureVerifier()
                    .verify(request("Signature", value), (keyId, refresh) -> Optional.of(PUBLIC), SIGNED_AT);

            assertEquals(Reason.MISSING_REQUIRED_COMPONENT,
                    assertInstanceOf(VerificationResult.Rejected.class, result).reason());
        }
    }
}
