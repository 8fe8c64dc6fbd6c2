package social.muse.federation.keys;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Objects;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A public key that can check an HTTP signature: an actor's RSA {@code publicKey} or its Ed25519 Multikey (FEP-521a).
 *
 * <p>RSA stays a JDK key because the JDK's RSA is faster than BouncyCastle's; Ed25519 uses BouncyCastle's lightweight
 * parameters because the JDK's EdDSA is about ten times slower (reference/performance.md §3).
 */
public sealed interface VerificationKey permits VerificationKey.Rsa, VerificationKey.Ed25519 {

    /** Which signature family the key belongs to. */
    KeyType type();

    /** An RSA public key (RSASSA-PKCS1-v1_5 or, for RFC 9421 verification only, RSASSA-PSS). */
    record Rsa(RSAPublicKey key) implements VerificationKey {
        public Rsa {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public KeyType type() {
            return KeyType.RSA;
        }

        public int bits() {
            return key.getModulus().bitLength();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Rsa that
                    && key.getModulus().equals(that.key.getModulus())
                    && key.getPublicExponent().equals(that.key.getPublicExponent());
        }

        @Override
        public int hashCode() {
            return key.getModulus().hashCode();
        }

        @Override
        public String toString() {
            BigInteger modulus = key.getModulus();
            return "VerificationKey.Rsa[" + modulus.bitLength() + " bits, modulus ends "
                    + modulus.and(BigInteger.valueOf(0xFFFFFF)).toString(16) + "]";
        }
    }

    /** A raw 32-byte Ed25519 public key. */
    record Ed25519(Ed25519PublicKeyParameters parameters) implements VerificationKey {
        public Ed25519 {
            Objects.requireNonNull(parameters, "parameters");
        }

        /** The key from its 32 raw bytes (RFC 8032 encoding). */
        public static Ed25519 fromRaw(byte[] raw) {
            if (raw == null || raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                throw new IllegalArgumentException("an Ed25519 public key has exactly 32 bytes");
            }
            return new Ed25519(new Ed25519PublicKeyParameters(raw, 0));
        }

        /** A copy of the 32 raw bytes. */
        public byte[] raw() {
            return parameters.getEncoded();
        }

        @Override
        public KeyType type() {
            return KeyType.ED25519;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ed25519 that && java.util.Arrays.equals(raw(), that.raw());
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(raw());
        }

        @Override
        public String toString() {
            return "VerificationKey.Ed25519[" + Base64.getEncoder().encodeToString(raw()) + "]";
        }
    }
}
