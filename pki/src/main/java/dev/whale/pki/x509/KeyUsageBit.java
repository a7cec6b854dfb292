package dev.whale.pki.x509;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The bits of the keyUsage extension in their order (RFC 5280 4.2.1.3), with OpenSSL's short and long names
 * (crypto/x509/v3_bitst.c): the names a configuration file may use, and the ones {@code x509 -text} prints.
 */
enum KeyUsageBit {
    DIGITAL_SIGNATURE("digitalSignature", "Digital Signature"),
    NON_REPUDIATION("nonRepudiation", "Non Repudiation"),
    KEY_ENCIPHERMENT("keyEncipherment", "Key Encipherment"),
    DATA_ENCIPHERMENT("dataEncipherment", "Data Encipherment"),
    KEY_AGREEMENT("keyAgreement", "Key Agreement"),
    KEY_CERT_SIGN("keyCertSign", "Certificate Sign"),
    CRL_SIGN("cRLSign", "CRL Sign"),
    ENCIPHER_ONLY("encipherOnly", "Encipher Only"),
    DECIPHER_ONLY("decipherOnly", "Decipher Only");

    /** The long names by bit number, as the text printers take them. */
    static final String[] LONG_NAMES = Arrays.stream(values()).map(b -> b.longName).toArray(String[]::new);

    /** The short names for a message: {@code digitalSignature, ..., encipherOnly or decipherOnly}. */
    static final String SHORT_NAMES = Arrays.stream(values()).limit(values().length - 1L).map(b -> b.shortName)
            .collect(Collectors.joining(", ")) + " or " + values()[values().length - 1].shortName;

    final String shortName;
    final String longName;

    KeyUsageBit(String shortName, String longName) {
        this.shortName = shortName;
        this.longName = longName;
    }

    /**
     * The bit as BouncyCastle's {@code KeyUsage} takes it: the BIT STRING's first byte holds bits 0 to 7 from its
     * top bit down, the second byte bit 8.
     */
    int mask() {
        int i = ordinal();
        return i < 8 ? 1 << (7 - i) : 1 << (15 - (i - 8));
    }

    /** The bit named {@code name}, by its short or its long name, as OpenSSL's v2i_ASN1_BIT_STRING reads it. */
    static Optional<KeyUsageBit> named(String name) {
        return Arrays.stream(values()).filter(b -> b.shortName.equals(name) || b.longName.equals(name)).findFirst();
    }
}
