package social.muse.server.processing.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id password hashes in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with OWASP's recommended minimum cost. Encoded
 * parameters are read back from each hash, so the cost can rise later without invalidating old ones.
 */
public final class PasswordHasher {
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    /** Verified against when no account matches, so a wrong name costs as much time as a wrong password. */
    private final String decoyHash;

    public PasswordHasher() {
        this.decoyHash = hash("decoy password that never matches anything");
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    public boolean verify(String password, String encoded) {
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            return false;
        }
        try {
            byte[] salt = B64D.decode(m.group(4));
            byte[] expected = B64D.decode(m.group(5));
            int memory = Integer.parseInt(m.group(1));
            if (salt.length < 8 || expected.length < 16 || memory > 1024 * 1024) {
                return false;
            }
            byte[] actual = derive(password, salt, memory, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
            return MessageDigest.isEqual(expected, actual);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A damaged stored hash matches no password; it must not turn a sign-in into a server error.
            return false;
        }
    }

    /** Spends the time of one verification; call it when there is no hash to check. */
    public void verifyDecoy(String password) {
        verify(password, decoyHash);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
