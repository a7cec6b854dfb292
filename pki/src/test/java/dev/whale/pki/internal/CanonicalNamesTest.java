package dev.whale.pki.internal;

import dev.whale.pki.x509.Certificate;
import dev.whale.pki.x509.SubjectArgument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.DERVisibleString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class CanonicalNamesTest {
    static final Path CERTS = Path.of("/etc/ssl/certs");

    static X500Name cn(ASN1Encodable value) {
        return new X500Name(new RDN[] {new RDN(new AttributeTypeAndValue(new ASN1ObjectIdentifier("2.5.4.3"),
                value))});
    }

    /**
     * The canonical encoding worked out on the bytes, as chain building does, is the one through BouncyCastle's
     * objects: for every subject and issuer of /etc/ssl/certs, and for names with each string type, white space,
     * case, multi-valued RDNs, an empty RDN and non-string values.
     */
    @Test
    void canonical_fromTheBytes_sameAsThroughTheObjects() throws Exception {
        List<X500Name> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(CERTS)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".pem")).sorted().toList()) {
                Certificate c = Certificate.read(Files.readAllBytes(p), p.toString());
                names.add(X500Name.getInstance(c.subject().der()));
                names.add(X500Name.getInstance(c.issuer().der()));
            }
        }
        assertTrue(names.size() > 100, names.size() + " names");
        names.add(cn(new DERUTF8String("  Test \t\n  Root  ")));
        names.add(cn(new DERPrintableString("LocalHost ")));
        names.add(cn(new DERBMPString("Zo\u00eb \u03a9 ROOT")));
        names.add(cn(new DERUniversalString(new byte[] {0, 0, 0, 'A', 0, 1, (byte) 0xd1, 0x1e})));
        names.add(cn(new DERT61String("T61 \u00e9T\u00c9")));
        names.add(cn(new DERIA5String("ia5@Example.COM")));
        names.add(cn(new DERVisibleString("Visible  X")));
        names.add(cn(new DEROctetString(new byte[] {1, 2, 3})));
        names.add(cn(new ASN1Integer(42)));
        names.add(cn(new DERUTF8String("")));
        names.add(cn(new DERUTF8String("   ")));
        names.add(new X500Name(new RDN[0]));
        names.add(X500Name.getInstance(SubjectArgument.parse(
                "/CN=Zoë Ω 𝄞/O=a\\,b+OU= lead#/L=#x\\\"y\\\\z<;>/ST=tab\tx/C=US", true).name().der()));
        names.add(X500Name.getInstance(SubjectArgument.parse("/C=US/O=B+O=a+OU=Z/CN=x", false).name().der()));
        names.add(new X500Name(new RDN[] {new RDN(new AttributeTypeAndValue[0])}));
        StringBuilder long300 = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            long300.append(i % 7 == 0 ? ' ' : (char) ('A' + i % 26));
        }
        names.add(cn(new DERUTF8String(long300.toString())));
        for (X500Name n : names) {
            byte[] der = n.getEncoded(ASN1Encoding.DER);
            assertEquals(Hex.toHexString(CanonicalNames.canonicalObjects(n)),
                    Hex.toHexString(CanonicalNames.canonical(der, 0, der.length)), n.toString());
        }
    }
}
