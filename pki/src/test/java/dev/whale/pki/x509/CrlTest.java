package dev.whale.pki.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class CrlTest {
    /** openssl crl -crlnumber prints crlNumber=<NONE> for a cRLNumber extension that holds no INTEGER. */
    @Test
    void crlNumber_notAnInteger_noneAsOpenSslPrints() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("CrlFuzzTestInputs/fuzz/crl-number-not-an-integer")) {
            assertEquals("<NONE>", Crl.read(in.readAllBytes(), "bad.crl").crlNumber());
        }
    }
}
