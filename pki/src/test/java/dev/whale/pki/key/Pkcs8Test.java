package dev.whale.pki.key;

import static dev.whale.pki.testing.DerBytes.oid;
import static dev.whale.pki.testing.DerBytes.tlv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.whale.pki.InvalidInputException;
import dev.whale.pki.Passphrase;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** PBES2 parameters that the KDF or the cipher would choke on are refused by name before any work is done. */
class Pkcs8Test {
    private static final Passphrase PASS = Passphrase.of("whale-fuzz".toCharArray());

    /** An EncryptedPrivateKeyInfo with PBKDF2 (hmacWithSHA256) and AES-256-CBC. */
    private static byte[] encrypted(BigInteger iterations, int ivBytes) {
        byte[] prf = tlv(0x30, cat(tlv(0x06, oid("1.2.840.113549.2.9")), tlv(0x05, new byte[0])));
        byte[] kdfParams = tlv(0x30, cat(tlv(0x04, new byte[8]), tlv(0x02, iterations.toByteArray()), prf));
        byte[] kdf = tlv(0x30, cat(tlv(0x06, oid("1.2.840.113549.1.5.12")), kdfParams));
        byte[] scheme = tlv(0x30, cat(tlv(0x06, oid("2.16.840.1.101.3.4.1.42")), tlv(0x04, new byte[ivBytes])));
        byte[] alg = tlv(0x30, cat(tlv(0x06, oid("1.2.840.113549.1.5.13")), tlv(0x30, cat(kdf, scheme))));
        return tlv(0x30, cat(alg, tlv(0x04, new byte[32])));
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void decrypt_iterationCountBeyondInt() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Pkcs8.decrypt(encrypted(BigInteger.ONE.shiftLeft(40), 16), "k.der", PASS));
        assertEquals("k.der: malformed PBES2 parameters: PBKDF2 iteration count 1099511627776 is not 1 to "
                + "2147483647", e.getMessage());
    }

    @Test
    void decrypt_zeroIterations() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Pkcs8.decrypt(encrypted(BigInteger.ZERO, 16), "k.der", PASS));
        assertEquals("k.der: malformed PBES2 parameters: PBKDF2 iteration count 0 is not 1 to 2147483647",
                e.getMessage());
    }

    @Test
    void decrypt_ivOfWrongLength() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Pkcs8.decrypt(encrypted(BigInteger.valueOf(16), 8), "k.der", PASS));
        assertEquals("k.der: malformed PBES2 parameters: the aes-256-cbc IV has 8 bytes, not 16", e.getMessage());
    }
}
