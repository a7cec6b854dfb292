package dev.whale.pki.x509;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Passphrase;
import dev.whale.pki.PkiException;
import dev.whale.pki.PkiIOException;
import dev.whale.pki.UnsupportedAlgorithmException;
import dev.whale.pki.WrongPassphraseException;
import dev.whale.pki.internal.Der;
import dev.whale.pki.internal.Oids;
import dev.whale.pki.internal.OpenSslText;
import dev.whale.pki.internal.Pbes2;
import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.key.Pkcs8;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1BMPString;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.CertBag;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.PBEParametersGenerator;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.engines.RC2Engine;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.operator.InputDecryptor;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEInputDecryptorProviderBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;

/**
 * A PKCS#12 file (RFC 7292), the {@code .p12} or {@code .pfx} that carries a private key with its certificate chain,
 * as {@code openssl pkcs12} 3.0 writes and reads it. Written with OpenSSL 3.0's defaults: the certificates in an
 * encrypted safe and the key in a shrouded key bag, both PBES2 (PBKDF2 with hmacWithSHA256, AES-256-CBC, 2048
 * iterations), and a SHA-256 MAC over it all (2048 iterations, 8-byte salt). The key's certificate and the key share a
 * {@code localKeyID} (the SHA-1 of the certificate) and, when given, a {@code friendlyName}. Java's KeyStore reads
 * these files, and whale reads what Java and OpenSSL write, the legacy encryptions of OpenSSL 1.x and older
 * Windows and Java included (RC2 and 3DES with SHA-1), which OpenSSL 3.0 reads only with {@code -legacy}.
 *
 * <pre>{@code
 * byte[] p12 = Pkcs12.create(key, List.of(cert, caCert), "server", password, new SecureRandom());
 * Pkcs12 read = Pkcs12.read(p12, "server.p12", password);
 * read.info();   // "MAC: sha256, Iteration 2048\n..." as openssl pkcs12 -info prints it
 * }</pre>
 */
public final class Pkcs12 {
    /** OpenSSL 3.0's iteration count for the MAC, the safes and the key (PKCS12_DEFAULT_ITER). */
    public static final int ITERATIONS = 2048;
    private static final String CIPHER = "aes-256-cbc";
    private static final ASN1ObjectIdentifier X509_CERTIFICATE = PKCSObjectIdentifiers.x509Certificate;
    /** PKCS#12's own password-based encryptions that whale reads: 3DES with three and two keys, RC2-128, RC2-40. */
    private static final Set<ASN1ObjectIdentifier> LEGACY_PBE = Set.of(
            PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
            PKCSObjectIdentifiers.pbeWithSHAAnd2_KeyTripleDES_CBC, PKCSObjectIdentifiers.pbeWithSHAAnd128BitRC2_CBC,
            PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC2_CBC);

    /** Which bags {@link #text} prints, as -nokeys, -nocerts, -clcerts and -cacerts choose them. */
    public record Selection(boolean keys, boolean certificates, boolean clientOnly, boolean caOnly) {
        /** Everything: keys and all certificates. */
        public static final Selection ALL = new Selection(true, true, false, false);
    }

    private enum Kind { KEY, SHROUDED_KEY, CERTIFICATE, SAFE_CONTENTS, OTHER }

    /** One bag as read: its kind, attributes, and the certificate or key it holds. */
    private record Bag(Kind kind, ASN1Set attributes, Certificate certificate, KeyData key, ASN1Set keyAttributes) {}

    private final List<Bag> bags;
    private final String info;

    private Pkcs12(List<Bag> bags, String info) {
        this.bags = bags;
        this.info = info;
    }

    /**
     * A PKCS#12 file holding {@code key} (may be null) and {@code certificates}, the key's own certificate first and
     * marked with {@code name} (may be null) and the local key ID, the others after it in their order.
     */
    public static byte[] create(KeyData key, List<Certificate> certificates, String name, char[] password,
                                SecureRandom random) {
        return create(key, certificates, name, List.of(), password, false, random);
    }

    /**
     * {@link #create(KeyData, List, String, char[], SecureRandom)}; with {@code legacy}, encrypted as OpenSSL 3.0's
     * {@code pkcs12 -export -legacy} does it, for readers that predate PBES2 (Windows before Server 2019, Java
     * before 8u301): the certificates with pbeWithSHA1And40BitRC2-CBC, the key with pbeWithSHA1And3-KeyTripleDES-CBC,
     * a SHA-1 MAC, 2048 iterations each. The other certificates are named, in their order, by {@code caNames}
     * ({@code openssl pkcs12 -caname}), as far as it goes.
     */
    public static byte[] create(KeyData key, List<Certificate> certificates, String name, List<String> caNames,
                                char[] password, boolean legacy, SecureRandom random) {
        if (key != null && !key.isPrivate()) {
            throw new InvalidInputException("a PKCS#12 file holds a private key, not a public one");
        }
        List<Certificate> rest = new ArrayList<>(certificates);
        Certificate leaf = key == null ? null : KeyStores.certificateFor(certificates, key);
        rest.remove(leaf);
        ASN1Set leafAttributes = null;
        if (leaf != null) {
            ASN1EncodableVector attrs = new ASN1EncodableVector();
            if (name != null) {
                attrs.add(friendlyName(name));
            }
            attrs.add(new Attribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, new DERSet(new DEROctetString(
                    leaf.digest("SHA-1")))));
            leafAttributes = new DERSet(attrs);
        }
        List<ContentInfo> safes = new ArrayList<>();
        ASN1EncodableVector certBags = new ASN1EncodableVector();
        if (leaf != null) {
            certBags.add(certBag(leaf, leafAttributes));
        }
        for (int i = 0; i < rest.size(); i++) {
            certBags.add(certBag(rest.get(i), i < caNames.size() ? new DERSet(friendlyName(caNames.get(i))) : null));
        }
        if (certBags.size() > 0) {
            byte[] plain = der(new DERSequence(certBags));
            AlgorithmIdentifier alg;
            byte[] data;
            if (legacy) {
                OutputEncryptor rc2 = legacyEncryptor(PKCSObjectIdentifiers.pbeWithSHAAnd40BitRC2_CBC, new RC2Engine(),
                        password);
                alg = rc2.getAlgorithmIdentifier();
                data = legacyEncrypt(rc2, plain);
            } else {
                Pbes2.Encrypted e = Pbes2.encrypt(plain, password, ITERATIONS, CIPHER, random);
                alg = e.algorithm();
                data = e.data();
            }
            safes.add(new ContentInfo(PKCSObjectIdentifiers.encryptedData, new EncryptedData(
                    PKCSObjectIdentifiers.data, alg, new DEROctetString(data))));
        }
        if (key != null) {
            EncryptedPrivateKeyInfo shrouded;
            if (legacy) {
                OutputEncryptor des = legacyEncryptor(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                        new DESedeEngine(), password);
                byte[] plain = Keys.pkcs8(key.privateKey());
                try {
                    shrouded = new EncryptedPrivateKeyInfo(des.getAlgorithmIdentifier(), legacyEncrypt(des, plain));
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
            } else {
                shrouded = EncryptedPrivateKeyInfo.getInstance(Pkcs8.encrypt(key.privateKey(), password, ITERATIONS,
                        CIPHER, random));
            }
            SafeBag keyBag = new SafeBag(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag, shrouded, leafAttributes);
            safes.add(new ContentInfo(PKCSObjectIdentifiers.data, new DEROctetString(der(new DERSequence(keyBag)))));
        }
        byte[] authSafe = der(new AuthenticatedSafe(safes.toArray(ContentInfo[]::new)));
        byte[] salt = new byte[8];
        random.nextBytes(salt);
        AlgorithmIdentifier macDigest = new AlgorithmIdentifier(legacy ? OIWObjectIdentifiers.idSHA1
                : NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);
        byte[] mac = mac(legacy ? new SHA1Digest() : new SHA256Digest(), password, salt, ITERATIONS, authSafe);
        MacData macData = new MacData(new DigestInfo(macDigest, mac), salt, ITERATIONS);
        return der(new Pfx(new ContentInfo(PKCSObjectIdentifiers.data, new DEROctetString(authSafe)), macData));
    }

    /** The friendlyName attribute: the alias Java's KeyStore shows, a BMPString as OpenSSL writes it. */
    private static Attribute friendlyName(String name) {
        return new Attribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERSet(new DERBMPString(name)));
    }

    /** BouncyCastle's PKCS#12 PBE (RFC 7292 appendix C) with SHA-1 and {@code cipher} in CBC mode. */
    private static OutputEncryptor legacyEncryptor(ASN1ObjectIdentifier pbe, BlockCipher cipher, char[] password) {
        return new BcPKCS12PBEOutputEncryptorBuilder(pbe, CBCBlockCipher.newInstance(cipher))
                .setIterationCount(ITERATIONS).build(password);
    }

    private static byte[] legacyEncrypt(OutputEncryptor encryptor, byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream os = encryptor.getOutputStream(out)) {
            os.write(plain);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encrypt in memory", e);
        }
        return out.toByteArray();
    }

    private static SafeBag certBag(Certificate c, ASN1Set attributes) {
        return new SafeBag(PKCSObjectIdentifiers.certBag, new CertBag(X509_CERTIFICATE, new DEROctetString(c.der())),
                attributes);
    }

    /**
     * The PKCS#12 file in {@code der}, its MAC checked and its safes decrypted with {@code password}. A MAC that
     * does not verify is a {@link WrongPassphraseException}, as OpenSSL's {@code Mac verify error}.
     */
    public static Pkcs12 read(byte[] der, String source, char[] password) {
        return read(der, source, password, Integer.MAX_VALUE);
    }

    /**
     * {@link #read(byte[], String, char[])}, refusing with an {@link InvalidInputException}, before deriving any key,
     * a MAC or an encryption that asks for more than {@code maxIterations} iterations: the file chooses what its
     * key derivations cost, and OpenSSL pays it; a reader of untrusted files can cap it.
     */
    public static Pkcs12 read(byte[] der, String source, char[] password, int maxIterations) {
        if (der.length == 0) {
            throw new InvalidInputException(source + ": empty file, expected a PKCS#12 file");
        }
        Der.check(der, source);
        Pfx pfx;
        byte[] authSafe;
        try {
            pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(der));
            if (!PKCSObjectIdentifiers.data.equals(pfx.getAuthSafe().getContentType())) {
                throw new UnsupportedAlgorithmException(source + ": the PKCS#12 file is signed, not protected by a "
                        + "password, which whale does not read");
            }
            authSafe = ASN1OctetString.getInstance(pfx.getAuthSafe().getContent()).getOctets();
        } catch (IOException | RuntimeException e) {
            if (e instanceof PkiException p) {
                throw p;
            }
            throw new InvalidInputException(source + ": not a PKCS#12 file: " + reason(e), e);
        }
        StringBuilder info = new StringBuilder();
        MacData macData = pfx.getMacData();
        if (macData != null) {
            checkMac(macData, authSafe, password, source, maxIterations);
            info.append("MAC: ").append(OpenSslText.object(macData.getMac().getAlgorithmId().getAlgorithm()))
                    .append(", Iteration ").append(macData.getIterationCount()).append('\n');
            info.append("MAC length: ").append(macData.getMac().getDigest().length).append(", salt length: ")
                    .append(macData.getSalt().length).append('\n');
        }
        List<Bag> bags = new ArrayList<>();
        try {
            for (ContentInfo ci : AuthenticatedSafe.getInstance(ASN1Primitive.fromByteArray(authSafe))
                    .getContentInfo()) {
                ASN1ObjectIdentifier type = ci.getContentType();
                byte[] contents;
                if (PKCSObjectIdentifiers.data.equals(type)) {
                    info.append("PKCS7 Data\n");
                    contents = ASN1OctetString.getInstance(ci.getContent()).getOctets();
                } else if (PKCSObjectIdentifiers.encryptedData.equals(type)) {
                    EncryptedData ed = EncryptedData.getInstance(ci.getContent());
                    info.append("PKCS7 Encrypted data: ").append(algorithm(ed.getEncryptionAlgorithm())).append('\n');
                    contents = decrypt(ed.getEncryptionAlgorithm(), ed.getContent().getOctets(), password, source,
                            "the encrypted safe", maxIterations);
                } else {
                    continue;
                }
                bags(ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(contents)), password, maxIterations, source,
                        bags, info);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PkiException p) {
                throw p;
            }
            throw new InvalidInputException(source + ": not a PKCS#12 file: " + reason(e), e);
        }
        return new Pkcs12(List.copyOf(bags), info.toString());
    }

    private static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The bags of one SafeContents, and of the SafeContents bags within it, in order. */
    private static void bags(ASN1Sequence safeContents, char[] password, int maxIterations, String source,
                             List<Bag> out, StringBuilder info) throws IOException {
        for (ASN1Encodable e : safeContents) {
            SafeBag bag = SafeBag.getInstance(e);
            ASN1ObjectIdentifier id = bag.getBagId();
            ASN1Set attrs = parsed(bag.getBagAttributes());
            if (PKCSObjectIdentifiers.keyBag.equals(id)) {
                info.append("Key bag\n");
                PrivateKeyInfo pki = PrivateKeyInfo.getInstance(bag.getBagValue());
                out.add(new Bag(Kind.KEY, attrs, null, key(der(pki), source), parsed(pki.getAttributes())));
            } else if (PKCSObjectIdentifiers.pkcs8ShroudedKeyBag.equals(id)) {
                EncryptedPrivateKeyInfo epki = EncryptedPrivateKeyInfo.getInstance(bag.getBagValue());
                info.append("Shrouded Keybag: ").append(algorithm(epki.getEncryptionAlgorithm())).append('\n');
                byte[] plain = decrypt(epki.getEncryptionAlgorithm(), epki.getEncryptedData(), password, source,
                        "the shrouded key bag", maxIterations);
                try {
                    PrivateKeyInfo pki = PrivateKeyInfo.getInstance(plain);
                    out.add(new Bag(Kind.SHROUDED_KEY, attrs, null, key(plain, source),
                            parsed(pki.getAttributes())));
                } finally {
                    Arrays.fill(plain, (byte) 0);
                }
            } else if (PKCSObjectIdentifiers.certBag.equals(id)) {
                info.append("Certificate bag\n");
                CertBag cb = CertBag.getInstance(bag.getBagValue());
                Certificate c = X509_CERTIFICATE.equals(cb.getCertId()) ? Certificate.readDer(
                        ASN1OctetString.getInstance(cb.getCertValue()).getOctets(), source) : null;
                out.add(new Bag(Kind.CERTIFICATE, attrs, c, null, null));
            } else if (PKCSObjectIdentifiers.safeContentsBag.equals(id)) {
                info.append("Safe Contents bag\n");
                out.add(new Bag(Kind.SAFE_CONTENTS, attrs, null, null, null));
                bags(ASN1Sequence.getInstance(bag.getBagValue()), password, maxIterations, source, out, info);
            } else {
                info.append("Warning unsupported bag type: ").append(OpenSslText.object(id)).append('\n');
                out.add(new Bag(Kind.OTHER, attrs, null, null, null));
            }
        }
    }

    /**
     * {@code attributes}, each of which has been parsed: BouncyCastle parses them only when asked, so a malformed
     * one would otherwise fail in {@link #text} with its IllegalArgumentException (OpenSSL: Error outputting keys
     * and certificates).
     */
    private static ASN1Set parsed(ASN1Set attributes) {
        if (attributes != null) {
            for (ASN1Encodable a : attributes) {
                Attribute.getInstance(a).getAttrValues();
            }
        }
        return attributes;
    }

    private static KeyData key(byte[] privateKeyInfo, String source) {
        return Keys.readDer(privateKeyInfo, source, Passphrase.none());
    }

    private static byte[] decrypt(AlgorithmIdentifier alg, byte[] data, char[] password, String source,
                                  String what, int maxIterations) {
        if (LEGACY_PBE.contains(alg.getAlgorithm())) {
            return legacyDecrypt(alg, data, password, source, what, maxIterations);
        }
        if (!Pbes2.isPbes2(alg)) {
            throw new UnsupportedAlgorithmException(source + ": " + what + " is encrypted with "
                    + Oids.longName(alg.getAlgorithm().getId()) + ", which whale does not read: it reads PBES2 and "
                    + "PKCS#12's own SHA-1 with 3DES or RC2");
        }
        Pbes2.Params params = Pbes2.parse(alg, source);
        if (params.iterations() > maxIterations) {
            throw new InvalidInputException(source + ": " + what + " asks for " + params.iterations()
                    + " PBKDF2 iterations, more than the " + maxIterations + " allowed");
        }
        byte[] plain = Pbes2.decrypt(params, data, password);
        if (plain == null) {
            throw new WrongPassphraseException(source + ": cannot decrypt " + what + ": wrong password?");
        }
        return plain;
    }

    /**
     * What PKCS#12's own password-based encryption (RFC 7292 appendix C, SHA-1 with 3DES or RC2) hides, as older
     * Windows, Java and OpenSSL 1.x wrote it. OpenSSL 3.0 reads the RC2 ones only with {@code -legacy}; whale reads
     * them all.
     */
    private static byte[] legacyDecrypt(AlgorithmIdentifier alg, byte[] data, char[] password, String source,
                                        String what, int maxIterations) {
        PKCS12PBEParams params = PKCS12PBEParams.getInstance(alg.getParameters());
        if (params.getIterations().compareTo(BigInteger.valueOf(maxIterations)) > 0) {
            throw new InvalidInputException(source + ": " + what + " asks for " + params.getIterations()
                    + " iterations, more than the " + maxIterations + " allowed");
        }
        try {
            InputDecryptor d = new BcPKCS12PBEInputDecryptorProviderBuilder().build(password).get(alg);
            try (InputStream in = d.getInputStream(new ByteArrayInputStream(data))) {
                return in.readAllBytes();
            }
        } catch (OperatorCreationException e) {
            throw new UnsupportedAlgorithmException(source + ": " + what + " is encrypted with "
                    + Oids.longName(alg.getAlgorithm().getId()) + ", which whale does not read", e);
        } catch (IOException e) {
            throw new WrongPassphraseException(source + ": cannot decrypt " + what + ": wrong password?");
        }
    }

    /** OpenSSL's {@code alg_print} of apps/pkcs12.c: {@code PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF ...}. */
    private static String algorithm(AlgorithmIdentifier alg) {
        StringBuilder sb = new StringBuilder(OpenSslText.object(alg.getAlgorithm()));
        try {
            if (Pbes2.isPbes2(alg)) {
                PBES2Parameters p = PBES2Parameters.getInstance(alg.getParameters());
                KeyDerivationFunc kdf = p.getKeyDerivationFunc();
                sb.append(", ").append(OpenSslText.object(kdf.getAlgorithm())).append(", ")
                        .append(Oids.shortName(p.getEncryptionScheme().getAlgorithm().getId()));
                if (PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
                    PBKDF2Params k = PBKDF2Params.getInstance(kdf.getParameters());
                    sb.append(", Iteration ").append(k.getIterationCount()).append(", PRF ")
                            .append(Oids.shortName(k.getPrf().getAlgorithm().getId()));
                }
            } else {
                ASN1Sequence pbe = ASN1Sequence.getInstance(alg.getParameters());
                sb.append(", Iteration ").append(org.bouncycastle.asn1.ASN1Integer.getInstance(pbe.getObjectAt(1))
                        .getValue());
            }
        } catch (RuntimeException e) {
            sb.append(", <unsupported parameters>");
        }
        return sb.toString();
    }

    private static void checkMac(MacData macData, byte[] authSafe, char[] password, String source,
                                 int maxIterations) {
        ASN1ObjectIdentifier alg = macData.getMac().getAlgorithmId().getAlgorithm();
        Digest digest;
        if (OIWObjectIdentifiers.idSHA1.equals(alg)) {
            digest = new SHA1Digest();
        } else if (NISTObjectIdentifiers.id_sha224.equals(alg)) {
            digest = new SHA224Digest();
        } else if (NISTObjectIdentifiers.id_sha256.equals(alg)) {
            digest = new SHA256Digest();
        } else if (NISTObjectIdentifiers.id_sha384.equals(alg)) {
            digest = new SHA384Digest();
        } else if (NISTObjectIdentifiers.id_sha512.equals(alg)) {
            digest = new SHA512Digest();
        } else {
            throw new UnsupportedAlgorithmException(source + ": unsupported MAC digest "
                    + Oids.longName(alg.getId()));
        }
        BigInteger iterations = macData.getIterationCount();
        if (iterations.compareTo(BigInteger.valueOf(maxIterations)) > 0) {
            throw new InvalidInputException(source + ": the MAC asks for " + iterations + " iterations, more than the "
                    + maxIterations + " allowed");
        }
        byte[] mac = mac(digest, password, macData.getSalt(), iterations.intValueExact(), authSafe);
        if (!MessageDigest.isEqual(mac, macData.getMac().getDigest())) {
            throw new WrongPassphraseException(source + ": Mac verify error: invalid password?");
        }
    }

    /** The HMAC over {@code data} keyed by the PKCS#12 key derivation (RFC 7292 B.2) of the password. */
    private static byte[] mac(Digest digest, char[] password, byte[] salt, int iterations, byte[] data) {
        byte[] pw = PBEParametersGenerator.PKCS12PasswordToBytes(password);
        try {
            PKCS12ParametersGenerator g = new PKCS12ParametersGenerator(digest);
            g.init(pw, salt, iterations);
            KeyParameter key = (KeyParameter) g.generateDerivedMacParameters(digest.getDigestSize() * 8);
            HMac hmac = new HMac(digest);
            hmac.init(key);
            hmac.update(data, 0, data.length);
            byte[] out = new byte[hmac.getMacSize()];
            hmac.doFinal(out, 0);
            return out;
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    private static byte[] der(ASN1Encodable e) {
        try {
            return e.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException x) {
            throw new PkiIOException("cannot encode the PKCS#12 structure: " + x.getMessage(), x);
        }
    }

    /** What {@code openssl pkcs12 -info} prints on stderr: the MAC, each safe, and each bag's kind and encryption. */
    public String info() {
        return info;
    }

    /** The certificates in the file, in order. */
    public List<Certificate> certificates() {
        List<Certificate> out = new ArrayList<>();
        for (Bag b : bags) {
            if (b.certificate() != null) {
                out.add(b.certificate());
            }
        }
        return out;
    }

    /**
     * What {@code openssl pkcs12 -in FILE} prints on stdout for the bags {@code selection} keeps: each bag's
     * attributes, a certificate's subject and issuer and PEM, a key's attributes and {@code keyPem} of it.
     */
    public String text(Selection selection, NameFormat names, Function<KeyData, String> keyPem) {
        StringBuilder sb = new StringBuilder(4096);
        for (Bag b : bags) {
            switch (b.kind()) {
                case KEY, SHROUDED_KEY -> {
                    if (selection.keys()) {
                        attributes(sb, b.attributes(), "Bag Attributes");
                        attributes(sb, b.keyAttributes(), "Key Attributes");
                        sb.append(keyPem.apply(b.key()));
                    }
                }
                case CERTIFICATE -> {
                    if (!selection.certificates()) {
                        continue;
                    }
                    boolean client = hasAttribute(b.attributes(), PKCSObjectIdentifiers.pkcs_9_at_localKeyId);
                    if (client ? selection.caOnly() : selection.clientOnly()) {
                        continue;
                    }
                    attributes(sb, b.attributes(), "Bag Attributes");
                    if (b.certificate() != null) {
                        sb.append("subject=").append(names.line(b.certificate().subject())).append('\n');
                        sb.append("issuer=").append(names.line(b.certificate().issuer())).append('\n');
                        sb.append(b.certificate().pem());
                    }
                }
                case SAFE_CONTENTS -> attributes(sb, b.attributes(), "Bag Attributes");
                case OTHER -> { }
            }
        }
        return sb.toString();
    }

    private static boolean hasAttribute(ASN1Set attrs, ASN1ObjectIdentifier oid) {
        if (attrs == null) {
            return false;
        }
        for (ASN1Encodable e : attrs) {
            if (Attribute.getInstance(e).getAttrType().equals(oid)) {
                return true;
            }
        }
        return false;
    }

    /** OpenSSL's {@code print_attribs}. */
    private static void attributes(StringBuilder sb, ASN1Set attrs, String title) {
        if (attrs == null) {
            sb.append(title).append(": <No Attributes>\n");
            return;
        }
        if (attrs.size() == 0) {
            sb.append(title).append(": <Empty Attributes>\n");
            return;
        }
        sb.append(title).append('\n');
        for (ASN1Encodable e : attrs) {
            Attribute a = Attribute.getInstance(e);
            sb.append("    ").append(OpenSslText.object(a.getAttrType())).append(": ");
            if (a.getAttrValues().size() == 0) {
                sb.append("<No Values>\n");
                continue;
            }
            ASN1Primitive v = a.getAttrValues().getObjectAt(0).toASN1Primitive();
            if (v instanceof ASN1BMPString s) {
                sb.append(s.getString()).append('\n');
            } else if (v instanceof ASN1UTF8String s) {
                sb.append(s.getString()).append('\n');
            } else if (v instanceof ASN1OctetString o) {
                hex(sb, o.getOctets());
            } else if (v instanceof ASN1BitString b) {
                hex(sb, b.getBytes());
            } else {
                byte[] d = der(v);
                sb.append("<Unsupported tag ").append(d[0] & 0x1f).append(">\n");
            }
        }
    }

    /** {@code hex_prin}: each byte as two uppercase hex digits and a space. */
    private static void hex(StringBuilder sb, byte[] b) {
        for (byte x : b) {
            OpenSslText.upperHex(sb, x).append(' ');
        }
        sb.append('\n');
    }

    @Override
    public String toString() {
        return "Pkcs12(" + bags.size() + " bags)";
    }
}
