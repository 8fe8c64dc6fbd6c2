package social.muse.federation.keys;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * FEP-521a / W3C Multikey {@code publicKeyMultibase} values: multibase base58btc ({@code z}) of a multicodec prefix and
 * the key bytes.
 *
 * <ul>
 *   <li>Ed25519: prefix {@code ed-pub} 0xed 0x01, then the 32 raw bytes (the text starts with {@code z6Mk}).</li>
 *   <li>RSA: prefix {@code rsa-pub} 0x1205 (varint 0x85 0x24), then PKCS#1 {@code RSAPublicKey} DER.</li>
 * </ul>
 */
public final class Multikey {

    private static final byte[] ED25519_PREFIX = {(byte) 0xed, 0x01};
    private static final byte[] RSA_PREFIX = {(byte) 0x85, 0x24};

    private Multikey() {
    }

    public static String encode(VerificationKey key) {
        return switch (key) {
            case VerificationKey.Ed25519 ed -> "z" + Base58.encode(concat(ED25519_PREFIX, ed.raw()));
            case VerificationKey.Rsa rsa -> "z" + Base58.encode(concat(RSA_PREFIX, Pem.rsaPublicKeyToPkcs1(rsa)));
        };
    }

    /** Decodes a {@code publicKeyMultibase}; an {@link IllegalArgumentException} says why a value is refused. */
    public static VerificationKey decode(String multibase) {
        if (multibase == null || multibase.length() < 2 || multibase.charAt(0) != 'z') {
            throw new IllegalArgumentException("a Multikey must be base58btc multibase (starting with 'z')");
        }
        byte[] bytes = Base58.decode(multibase.substring(1));
        if (startsWith(bytes, ED25519_PREFIX)) {
            return VerificationKey.Ed25519.fromRaw(Arrays.copyOfRange(bytes, 2, bytes.length));
        }
        if (startsWith(bytes, RSA_PREFIX)) {
            try {
                return Pem.rsaPublicKeyFromPkcs1(Arrays.copyOfRange(bytes, 2, bytes.length));
            } catch (IllegalArgumentException e) {
                throw e;
            } catch (RuntimeException | GeneralSecurityException e) {
                throw new IllegalArgumentException("the RSA Multikey is not valid PKCS#1 DER", e);
            }
        }
        throw new IllegalArgumentException("unsupported Multikey type (only ed25519-pub and rsa-pub are read)");
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length > prefix.length && bytes[0] == prefix[0] && bytes[1] == prefix[1];
    }

    private static byte[] concat(byte[] prefix, byte[] body) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        return out;
    }
}
