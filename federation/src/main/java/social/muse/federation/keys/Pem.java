package social.muse.federation.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * PEM text for keys, as actor documents ({@code publicKeyPem}) and our database carry them.
 *
 * <p>Reads public keys as SPKI ({@code PUBLIC KEY}, RSA or Ed25519) and as PKCS#1 ({@code RSA PUBLIC KEY}, which some
 * servers publish); private keys as PKCS#8 ({@code PRIVATE KEY}, RSA or Ed25519) and PKCS#1 ({@code RSA PRIVATE KEY}).
 * Writes SPKI and PKCS#8 only. Every decoding failure is an {@link IllegalArgumentException} with a safe message.
 */
public final class Pem {

    /** Bigger RSA keys only make verification slower for us; nobody publishes them. */
    static final int MAX_RSA_BITS = 8192;
    private static final int MAX_PEM_CHARS = 16_384;
    /** id-Ed25519 (RFC 8410); BouncyCastle keeps its constant in an internal package. */
    private static final ASN1ObjectIdentifier ID_ED25519 = new ASN1ObjectIdentifier("1.3.101.112");

    private Pem() {
    }

    /** SPKI {@code PUBLIC KEY} PEM of an RSA or Ed25519 public key. */
    public static String encodePublicKey(VerificationKey key) {
        byte[] der = switch (key) {
            case VerificationKey.Rsa rsa -> rsa.key().getEncoded();
            case VerificationKey.Ed25519 ed -> encode(() -> SubjectPublicKeyInfoFactory
                    .createSubjectPublicKeyInfo(ed.parameters()).getEncoded());
        };
        return armor("PUBLIC KEY", der);
    }

    /** PKCS#8 {@code PRIVATE KEY} PEM of an RSA or Ed25519 private key. */
    public static String encodePrivateKey(SigningKey key) {
        byte[] der = switch (key) {
            case SigningKey.Rsa rsa -> rsa.key().getEncoded();
            case SigningKey.Ed25519 ed -> encode(() -> PrivateKeyInfoFactory
                    .createPrivateKeyInfo(ed.parameters()).getEncoded());
        };
        return armor("PRIVATE KEY", der);
    }

    /** Reads the first {@code PUBLIC KEY} or {@code RSA PUBLIC KEY} block. */
    public static VerificationKey decodePublicKey(String pem) {
        Block block = firstBlock(pem);
        try {
            return switch (block.label()) {
                case "PUBLIC KEY" -> publicKeyFromSpki(block.der());
                case "RSA PUBLIC KEY" -> rsaPublicKeyFromPkcs1(block.der());
                default -> throw new IllegalArgumentException("expected a PUBLIC KEY block, found " + block.label());
            };
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the public key is not valid DER", e);
        }
    }

    /** Reads the first {@code PRIVATE KEY} or {@code RSA PRIVATE KEY} block. */
    public static SigningKey decodePrivateKey(String pem) {
        Block block = firstBlock(pem);
        try {
            return switch (block.label()) {
                case "PRIVATE KEY" -> privateKeyFromPkcs8(block.der());
                case "RSA PRIVATE KEY" -> rsaPrivateKeyFromPkcs1(block.der());
                default -> throw new IllegalArgumentException("expected a PRIVATE KEY block, found " + block.label());
            };
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the private key is not valid DER", e);
        }
    }

    /** An RSA public key from PKCS#1 {@code RSAPublicKey} DER (also the body of an RSA Multikey). */
    static VerificationKey.Rsa rsaPublicKeyFromPkcs1(byte[] der) throws GeneralSecurityException {
        var pkcs1 = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
        return checkedRsa((RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(pkcs1.getModulus(), pkcs1.getPublicExponent())));
    }

    /** PKCS#1 {@code RSAPublicKey} DER of an RSA key. */
    static byte[] rsaPublicKeyToPkcs1(VerificationKey.Rsa key) {
        return encode(() -> new org.bouncycastle.asn1.pkcs.RSAPublicKey(
                key.key().getModulus(), key.key().getPublicExponent()).getEncoded());
    }

    private static VerificationKey publicKeyFromSpki(byte[] der) throws GeneralSecurityException {
        ASN1ObjectIdentifier algorithm = SubjectPublicKeyInfo.getInstance(der).getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            return checkedRsa((RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
        }
        if (ID_ED25519.equals(algorithm)) {
            byte[] raw = SubjectPublicKeyInfo.getInstance(der).getPublicKeyData().getOctets();
            return VerificationKey.Ed25519.fromRaw(raw);
        }
        throw new IllegalArgumentException("unsupported public key algorithm " + algorithm.getId());
    }

    private static SigningKey privateKeyFromPkcs8(byte[] der) throws GeneralSecurityException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            return new SigningKey.Rsa((RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der)));
        }
        if (ID_ED25519.equals(algorithm)) {
            byte[] seed;
            try {
                seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            } catch (IOException e) {
                throw new IllegalArgumentException("the Ed25519 private key is not valid DER", e);
            }
            if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
                throw new IllegalArgumentException("an Ed25519 private key has exactly 32 bytes");
            }
            return new SigningKey.Ed25519(new Ed25519PrivateKeyParameters(seed, 0));
        }
        throw new IllegalArgumentException("unsupported private key algorithm " + algorithm.getId());
    }

    private static SigningKey rsaPrivateKeyFromPkcs1(byte[] der) throws GeneralSecurityException {
        var pkcs1 = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der);
        return new SigningKey.Rsa((RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                pkcs1.getModulus(), pkcs1.getPublicExponent(), pkcs1.getPrivateExponent(),
                pkcs1.getPrime1(), pkcs1.getPrime2(), pkcs1.getExponent1(), pkcs1.getExponent2(),
                pkcs1.getCoefficient())));
    }

    private static VerificationKey.Rsa checkedRsa(RSAPublicKey key) {
        if (key.getModulus().bitLength() > MAX_RSA_BITS) {
            throw new IllegalArgumentException("RSA keys over " + MAX_RSA_BITS + " bits are not accepted");
        }
        return new VerificationKey.Rsa(key);
    }

    private record Block(String label, byte[] der) {
    }

    private static Block firstBlock(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no PEM text");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new IllegalArgumentException("the PEM text is too long");
        }
        int begin = pem.indexOf("-----BEGIN ");
        int labelEnd = begin < 0 ? -1 : pem.indexOf("-----", begin + 11);
        if (labelEnd < 0) {
            throw new IllegalArgumentException("no PEM BEGIN line");
        }
        String label = pem.substring(begin + 11, labelEnd);
        String endLine = "-----END " + label + "-----";
        int end = pem.indexOf(endLine, labelEnd + 5);
        if (end < 0) {
            throw new IllegalArgumentException("no PEM END line for " + label);
        }
        try {
            return new Block(label, Base64.getMimeDecoder().decode(pem.substring(labelEnd + 5, end)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM body is not valid base64");
        }
    }

    private static String armor(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private interface DerWriter {
        byte[] write() throws IOException;
    }

    private static byte[] encode(DerWriter writer) {
        try {
            return writer.write();
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding failed", e);
        }
    }
}
