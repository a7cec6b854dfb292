package dev.whale.cli.pki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;

/** Certificates whose signature is cut short, for the bad-input tests of x509, verify and explain-signature. */
final class TruncatedSignature {
    private TruncatedSignature() {}

    /**
     * Writes {@code out}: the first certificate of the PEM file {@code in} with the last {@code cut} bytes of its
     * signature gone (all of them when there are fewer), re-encoded so that the DER is sound: the BIT STRING and the
     * outer SEQUENCE have their new lengths, the TBSCertificate is untouched, and only the signature is short.
     */
    static void write(Path in, int cut, Path out) throws Exception {
        String pem = Files.readString(in);
        String body = pem.substring(pem.indexOf("-----BEGIN CERTIFICATE-----") + 27, pem.indexOf("-----END"));
        ASN1Sequence cert = ASN1Sequence.getInstance(Base64.getMimeDecoder().decode(body));
        byte[] sig = ASN1BitString.getInstance(cert.getObjectAt(2)).getOctets();
        byte[] shorter = Arrays.copyOf(sig, Math.max(0, sig.length - cut));
        byte[] der = new DERSequence(new ASN1Encodable[] {cert.getObjectAt(0), cert.getObjectAt(1),
            new DERBitString(shorter)}).getEncoded(ASN1Encoding.DER);
        Files.writeString(out, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n");
    }
}
