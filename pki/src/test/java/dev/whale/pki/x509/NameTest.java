package dev.whale.pki.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

class NameTest {
    static final Path CERTS = Path.of("/etc/ssl/certs");

    static Name cn(ASN1Encodable value) {
        return new Name(new X500Name(new RDN[] {new RDN(new AttributeTypeAndValue(new ASN1ObjectIdentifier("2.5.4.3"),
                value))}));
    }

    @Test
    void equal_ignoresCaseSpacesAndStringType() {
        assertEquals(cn(new DERUTF8String("  Test   Root ")), cn(new DERPrintableString("test root")));
        assertEquals(cn(new DERUTF8String("  Test   Root ")).hashCode(), cn(new DERPrintableString("test root"))
                .hashCode());
        assertNotEquals(cn(new DERUTF8String("Test Root")), cn(new DERUTF8String("Test Root 2")));
    }

    @Test
    void hash_goldenValue() {
        // openssl x509 -noout -subject_hash of openssl req -x509 -subj /CN=localhost, and of a name with every
        // kind of character (made with -utf8 -subj '/CN=Zoë Ω 𝄞/O=a\,b+OU= lead#/L=#x\"y\\z<;>/ST=tab\tx/C=US').
        assertEquals("ce275665", cn(new DERUTF8String("localhost")).hash());
        assertEquals("ce275665", cn(new DERPrintableString("LocalHost ")).hash());
        assertEquals("d882090b", SubjectArgument.parse(
                "/CN=Zoë Ω 𝄞/O=a\\,b+OU= lead#/L=#x\\\"y\\\\z<;>/ST=tab\tx/C=US", true).name().hash());
    }

    /** Every HASH.N link in /etc/ssl/certs was named by openssl rehash from its certificate's subject hash. */
    @Test
    void hash_matchesTheLinksThatOpensslRehashMadeInEtcSslCerts() throws IOException {
        if (!Files.isDirectory(CERTS)) {
            fail("/etc/ssl/certs is missing; install the ca-certificates package");
        }
        List<Path> links;
        try (Stream<Path> s = Files.list(CERTS)) {
            links = s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{8}\\.[0-9]+")).sorted().toList();
        }
        assertTrue(links.size() > 50, "only " + links.size() + " hash links in " + CERTS);
        for (Path link : links) {
            Certificate c = Certificate.read(Files.readAllBytes(link), link.toString());
            String name = link.getFileName().toString();
            assertEquals(name.substring(0, 8), c.subject().hash(), link + " " + c.subject().oneline());
        }
    }
}
