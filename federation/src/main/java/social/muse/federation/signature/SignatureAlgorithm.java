package social.muse.federation.signature;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

import org.bouncycastle.crypto.signers.Ed25519Signer;

import social.muse.federation.keys.KeyType;
import social.muse.federation.keys.SigningKey;
import social.muse.federation.keys.VerificationKey;

/**
 * The signature algorithms we verify, by their RFC 9421 registry names. RSA runs on the JDK (faster than BouncyCastle
 * there); Ed25519 on BouncyCastle's lightweight API (about ten times faster than the JDK's). BouncyCastle is never
 * registered as a JCA provider, so {@code Signature.getInstance} and {@code MessageDigest.getInstance} always get the
 * JDK's implementations.
 */
enum SignatureAlgorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256: cavage {@code rsa-sha256}, and what Mastodon and Fedify send. */
    RSA_V1_5_SHA256("rsa-v1_5-sha256", KeyType.RSA),
    /** RSASSA-PSS with SHA-512, MGF1-SHA-512 and a 64-byte salt (RFC 9421 §3.3.1). Verification only. */
    RSA_PSS_SHA512("rsa-pss-sha512", KeyType.RSA),
    ED25519("ed25519", KeyType.ED25519);

    private static final PSSParameterSpec PSS_SHA512 =
            new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, PSSParameterSpec.TRAILER_FIELD_BC);

    private final String rfc9421Name;
    private final KeyType keyType;

    SignatureAlgorithm(String rfc9421Name, KeyType keyType) {
        this.rfc9421Name = rfc9421Name;
        this.keyType = keyType;
    }

    String rfc9421Name() {
        return rfc9421Name;
    }

    static Optional<SignatureAlgorithm> fromRfc9421Name(String name) {
        for (SignatureAlgorithm algorithm : values()) {
            if (algorithm.rfc9421Name.equals(name)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** What {@code hs2019}, or an RFC 9421 signature without {@code alg}, means for a key of this type. */
    static SignatureAlgorithm defaultFor(KeyType type) {
        return type == KeyType.RSA ? RSA_V1_5_SHA256 : ED25519;
    }

    /** True only for a valid signature; a key of the wrong type or a garbled signature is simply false. */
    boolean verify(VerificationKey key, byte[] data, byte[] signature) {
        if (key.type() != keyType) {
            return false;
        }
        try {
            return switch (key) {
                case VerificationKey.Rsa rsa -> {
                    Signature verifier = jdkSignature();
                    verifier.initVerify(rsa.key());
                    verifier.update(data);
                    yield verifier.verify(signature);
                }
                case VerificationKey.Ed25519 ed -> {
                    Ed25519Signer verifier = new Ed25519Signer();
                    verifier.init(false, ed.parameters());
                    verifier.update(data, 0, data.length);
                    yield verifier.verifySignature(signature);
                }
            };
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    byte[] sign(SigningKey key, byte[] data) {
        if (key.type() != keyType || this == RSA_PSS_SHA512) {
            throw new IllegalArgumentException(rfc9421Name + " cannot sign with a " + key.type() + " key");
        }
        try {
            return switch (key) {
                case SigningKey.Rsa rsa -> {
                    Signature signer = jdkSignature();
                    signer.initSign(rsa.key());
                    signer.update(data);
                    yield signer.sign();
                }
                case SigningKey.Ed25519 ed -> {
                    Ed25519Signer signer = new Ed25519Signer();
                    signer.init(true, ed.parameters());
                    signer.update(data, 0, data.length);
                    yield signer.generateSignature();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed", e);
        }
    }

    private Signature jdkSignature() throws GeneralSecurityException {
        if (this == RSA_PSS_SHA512) {
            Signature pss = Signature.getInstance("RSASSA-PSS");
            pss.setParameter(PSS_SHA512);
            return pss;
        }
        return Signature.getInstance("SHA256withRSA");
    }
}
