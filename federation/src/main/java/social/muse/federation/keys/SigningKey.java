package social.muse.federation.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Objects;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A private key that signs outgoing requests. {@code toString()} never shows key material, so a signing key that ends
 * up in a log line or an exception message leaks nothing.
 */
public sealed interface SigningKey permits SigningKey.Rsa, SigningKey.Ed25519 {

    /** RSA modulus size for new actor keys: what Mastodon and every other server generate and expect. */
    int RSA_BITS = 2048;

    KeyType type();

    /** The matching public key. */
    VerificationKey verificationKey();

    /** A fresh RSA-2048 key with public exponent 65537. */
    static Rsa generateRsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4), new SecureRandom());
            return new Rsa((RSAPrivateKey) generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate RSA keys", e);
        }
    }

    /** A fresh Ed25519 key. */
    static Ed25519 generateEd25519() {
        return new Ed25519(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** An RSA private key. It must be a CRT key (every PKCS#1 and PKCS#8 RSA key is) so its public half is known. */
    record Rsa(RSAPrivateKey key) implements SigningKey {
        public Rsa {
            Objects.requireNonNull(key, "key");
            if (!(key instanceof RSAPrivateCrtKey)) {
                throw new IllegalArgumentException("the RSA private key must carry its CRT parameters");
            }
        }

        @Override
        public KeyType type() {
            return KeyType.RSA;
        }

        @Override
        public VerificationKey.Rsa verificationKey() {
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
            try {
                return new VerificationKey.Rsa((RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent())));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot rebuild an RSA public key", e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Rsa that && key.equals(that.key);
        }

        @Override
        public int hashCode() {
            return key.getModulus().hashCode();
        }

        @Override
        public String toString() {
            BigInteger modulus = key.getModulus();
            return "SigningKey.Rsa[" + modulus.bitLength() + " bits, private part redacted]";
        }
    }

    /** An Ed25519 private key (its 32-byte seed). */
    record Ed25519(Ed25519PrivateKeyParameters parameters) implements SigningKey {
        public Ed25519 {
            Objects.requireNonNull(parameters, "parameters");
        }

        @Override
        public KeyType type() {
            return KeyType.ED25519;
        }

        @Override
        public VerificationKey.Ed25519 verificationKey() {
            return new VerificationKey.Ed25519(parameters.generatePublicKey());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Ed25519 that
                    && java.security.MessageDigest.isEqual(parameters.getEncoded(), that.parameters.getEncoded());
        }

        @Override
        public int hashCode() {
            return verificationKey().hashCode();
        }

        @Override
        public String toString() {
            return "SigningKey.Ed25519[private part redacted]";
        }
    }
}
