package dev.whale.pki.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.junit.jupiter.api.Test;

class BcKeyTest {
    /**
     * A certificate's RSA key is read without BouncyCastle's Miller-Rabin test of the modulus (which refuses a prime
     * one, and took 13 s for a fuzzed 16384-bit one), as OpenSSL reads it.
     */
    @Test
    void publicKey_rsaWithPrimeModulus_readWithoutAPrimalityTest() throws IOException {
        BigInteger prime = BigInteger.probablePrime(1024, new Random(11));
        SubjectPublicKeyInfo info = new SubjectPublicKeyInfo(new AlgorithmIdentifier(
                PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), new RSAPublicKey(prime, BigInteger.valueOf(3)));
        assertEquals(prime, ((RSAKeyParameters) BcKey.publicKey(info, "cert.pem")).getModulus());
    }

    @Test
    void withinRsaLimits_libcryptoLimits() {
        BigInteger n3072 = BigInteger.ONE.shiftLeft(3071).setBit(0);
        BigInteger n3073 = BigInteger.ONE.shiftLeft(3072).setBit(0);
        BigInteger e65 = BigInteger.ONE.shiftLeft(64).setBit(0);
        assertTrue(BcKey.withinRsaLimits(new RSAKeyParameters(false, n3072, e65, true)));
        assertFalse(BcKey.withinRsaLimits(new RSAKeyParameters(false, n3073, e65, true)));
        assertTrue(BcKey.withinRsaLimits(new RSAKeyParameters(false, n3073, e65.shiftRight(1).setBit(0), true)));
        assertTrue(BcKey.withinRsaLimits(new RSAKeyParameters(false, BigInteger.ONE.shiftLeft(16383).setBit(0),
                BigInteger.valueOf(65537), true)));
        assertFalse(BcKey.withinRsaLimits(new RSAKeyParameters(false, BigInteger.ONE.shiftLeft(16384).setBit(0),
                BigInteger.valueOf(65537), true)));
    }
}
