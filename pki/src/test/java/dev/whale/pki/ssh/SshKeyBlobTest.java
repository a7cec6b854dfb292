package dev.whale.pki.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whale.pki.InvalidInputException;
import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.junit.jupiter.api.Test;

class SshKeyBlobTest {
    private static byte[] rsaBlob(BigInteger e, BigInteger n) {
        return new SshWire.Writer().string("ssh-rsa").mpint(e).mpint(n).toByteArray();
    }

    /**
     * OpenSSH does not test a public modulus for primality, and neither does whale: BouncyCastle's Miller-Rabin test,
     * which refuses a prime modulus, cost 13 s for a fuzzed 16384-bit one.
     */
    @Test
    void decode_primeModulus_readWithoutAPrimalityTest() {
        BigInteger prime = BigInteger.probablePrime(1024, new Random(7));
        AsymmetricKeyParameter k = SshKeyBlob.decode(rsaBlob(BigInteger.valueOf(65537), prime), "k.pub");
        assertEquals(prime, ((RSAKeyParameters) k).getModulus());
    }

    @Test
    void decode_evenModulus_invalidInputNamingTheSource() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SshKeyBlob.decode(
                rsaBlob(BigInteger.valueOf(65537), BigInteger.ONE.shiftLeft(1024)), "k.pub"));
        assertEquals("k.pub: not a usable RSA modulus (1025 bits, even)", e.getMessage());
    }

    /** libcrypto refuses an exponent over 64 bits with a modulus over 3072 bits, and a modulus over 16384 bits. */
    @Test
    void verify_rsaKeyBeyondLibcryptoLimits_falseWithoutComputing() {
        Random random = new Random(3);
        BigInteger n4096 = new BigInteger(4096, random).setBit(4095).setBit(0);
        BigInteger n16385 = new BigInteger(16385, random).setBit(16384).setBit(0);
        byte[] sig = new SshWire.Writer().string("rsa-sha2-512").string(new byte[512]).toByteArray();
        assertFalse(SshSignatures.verify(new RSAKeyParameters(false, n4096, n4096.shiftRight(1).setBit(0), true), sig,
                new byte[1], "k.pub"));
        assertFalse(SshSignatures.verify(new RSAKeyParameters(false, n16385, BigInteger.valueOf(3), true), sig,
                new byte[1], "k.pub"));
    }
}
