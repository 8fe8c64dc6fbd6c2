package social.muse.server.processing.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreArgon2idPhcStringsWithTheirOwnSalt() {
        String a = hasher.hash("correct horse battery staple");
        String b = hasher.hash("correct horse battery staple");
        assertTrue(a.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), a);
        assertNotEquals(a, b, "each hash has a fresh salt");
        assertTrue(hasher.verify("correct horse battery staple", a));
        assertTrue(hasher.verify("correct horse battery staple", b));
        assertFalse(hasher.verify("correct horse battery stapl", a));
        assertTrue(hasher.verify("Grüße aus Köln ♪", hasher.hash("Grüße aus Köln ♪")));
    }

    @Test
    void parametersAreReadFromTheHashSoCostsCanChange() {
        byte[] salt = "somesaltsomesalt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var generator = new org.bouncycastle.crypto.generators.Argon2BytesGenerator();
        generator.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(1024).withIterations(1).withParallelism(1).withSalt(salt).build());
        byte[] digest = new byte[32];
        generator.generateBytes("password".getBytes(java.nio.charset.StandardCharsets.UTF_8), digest);
        var b64 = java.util.Base64.getEncoder().withoutPadding();
        String cheaper = "$argon2id$v=19$m=1024,t=1,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(digest);
        assertTrue(hasher.verify("password", cheaper), "a hash made with other costs still verifies");
        assertFalse(hasher.verify("passwort", cheaper));
    }

    @Test
    void damagedOrForeignHashesMatchNothing() {
        assertFalse(hasher.verify("password", "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAA"));
        assertFalse(hasher.verify("password", "$2a$10$bcrypt.is.not.accepted.here"));
        assertFalse(hasher.verify("password", "garbage"));
    }
}
