package social.muse.federation.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class KeysTest {

    private static final SigningKey.Rsa RSA = SigningKey.generateRsa();
    private static final SigningKey.Ed25519 ED25519 = SigningKey.generateEd25519();

    /** RFC 9421 B.1.4 test-key-ed25519, and its public key as a JWK "x" (base64url), from the same appendix. */
    private static final String RFC9421_ED25519_PUBLIC_PEM = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=
            -----END PUBLIC KEY-----
            """;
    private static final String RFC9421_ED25519_X = "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs";

    @Test
    void newRsaKeysAre2048Bits() {
        assertEquals(2048, RSA.verificationKey().bits());
        assertEquals(65537, RSA.verificationKey().key().getPublicExponent().intValue());
    }

    @Test
    void pemRoundTripsForBothKeyTypes() {
        for (SigningKey key : List.<SigningKey>of(RSA, ED25519)) {
            String privatePem = Pem.encodePrivateKey(key);
            String publicPem = Pem.encodePublicKey(key.verificationKey());

            assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
            assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
            assertEquals(key, Pem.decodePrivateKey(privatePem));
            assertEquals(key.verificationKey(), Pem.decodePublicKey(publicPem));
            assertEquals(key.verificationKey(), Pem.decodePrivateKey(privatePem).verificationKey());
        }
    }

    @Test
    void readsPkcs1RsaPublicKeysAsSomeServersPublishThem() {
        byte[] pkcs1 = Pem.rsaPublicKeyToPkcs1(RSA.verificationKey());
        String pem = "-----BEGIN RSA PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1)
                + "\n-----END RSA PUBLIC KEY-----\n";

        assertEquals(RSA.verificationKey(), Pem.decodePublicKey(pem));
    }

    @Test
    void readsTheRfc9421Ed25519TestKey() {
        VerificationKey key = Pem.decodePublicKey(RFC9421_ED25519_PUBLIC_PEM);

        VerificationKey.Ed25519 ed = assertInstanceOf(VerificationKey.Ed25519.class, key);
        assertEquals(RFC9421_ED25519_X, Base64.getUrlEncoder().withoutPadding().encodeToString(ed.raw()));
    }

    @Test
    void multikeyRoundTripsAndHasTheEd25519Prefix() {
        String multibase = Multikey.encode(ED25519.verificationKey());

        assertTrue(multibase.startsWith("z6Mk"), multibase);
        assertEquals(ED25519.verificationKey(), Multikey.decode(multibase));
        assertEquals(RSA.verificationKey(), Multikey.decode(Multikey.encode(RSA.verificationKey())));
        assertTrue(Multikey.encode(RSA.verificationKey()).startsWith("z4MX"), "rsa-pub multikeys start z4MX");
    }

    @Test
    void base58HandlesLeadingZerosAndKnownValues() {
        assertEquals("", Base58.encode(new byte[0]));
        assertEquals("11", Base58.encode(new byte[] {0, 0}));
        assertEquals("1112", Base58.encode(new byte[] {0, 0, 0, 1}));
        // "Hello World!" is a common base58 example
        assertEquals("2NEpo7TZRRrLZSi2U", Base58.encode("Hello World!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertEquals("Hello World!", new String(Base58.decode("2NEpo7TZRRrLZSi2U"), java.nio.charset.StandardCharsets.US_ASCII));
        byte[] withZeros = {0, 0, 5, (byte) 200, 0};
        assertEquals(Base64.getEncoder().encodeToString(withZeros),
                Base64.getEncoder().encodeToString(Base58.decode(Base58.encode(withZeros))));
    }

    @Test
    void invalidInputIsAClearIllegalArgument() {
        for (String bad : List.of("", "no pem here", "-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----",
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----",
                "-----BEGIN PUBLIC KEY-----\nAAAA")) {
            assertThrows(IllegalArgumentException.class, () -> Pem.decodePublicKey(bad), bad);
            assertThrows(IllegalArgumentException.class, () -> Pem.decodePrivateKey(bad), bad);
        }
        for (String bad : List.of("", "z", "u6Mk", "z0OIl", "z6Mk", "z" + "2".repeat(5_000), "zQmYwAPJzv5CZsnA")) {
            assertThrows(IllegalArgumentException.class, () -> Multikey.decode(bad), bad);
        }
    }

    @Test
    void toStringNeverShowsPrivateMaterial() {
        String rsaPrivate = Pem.encodePrivateKey(RSA);
        String edPrivate = Pem.encodePrivateKey(ED25519);
        String privateExponent = RSA.key().getPrivateExponent().toString(16);
        String seed = Base64.getEncoder().encodeToString(ED25519.parameters().getEncoded());

        for (String text : List.of(RSA.toString(), ED25519.toString())) {
            assertTrue(text.contains("redacted"), text);
            assertFalse(text.contains(privateExponent.substring(0, 16)), text);
            assertFalse(text.contains(seed.substring(0, 16)), text);
            assertFalse(rsaPrivate.contains(text) || edPrivate.contains(text), text);
        }
    }
}
