package dev.whale.pki.x509;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.whale.pki.testing.Openssl;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CertificateText} against the real openssl 3.0 ({@code openssl x509 -noout -text}), byte for byte: every
 * certificate of /etc/ssl/certs, and certificates openssl makes here: a chain (RSA root, EC P-384 intermediate,
 * EC P-256 and Ed25519 leaves) with the extensions a CA puts in, serial numbers around the 64-bit limit, odd names
 * and times, RSA-PSS, Ed448 and X25519 keys, SCT lists, and certificates built field by field with
 * {@code openssl asn1parse -genconf}.
 */
class CertificateTextOpensslTest {
    static final Path TRUST_STORE = Path.of("/etc/ssl/certs");

    @TempDir
    static Path dir;

    static final List<Path> GENERATED = new ArrayList<>();

    static Openssl.Out openssl(String... args) throws IOException, InterruptedException {
        Openssl.Out o = Openssl.run(dir, args);
        if (o.exit() != 0) {
            fail("openssl " + String.join(" ", args) + " failed: " + o.err());
        }
        return o;
    }

    static void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    /** A certificate for {@code name} signed by {@code ca} with the extensions of {@code ext}. */
    static Path issue(String name, String subject, String key, String ca, String serial, String days, String ext)
            throws Exception {
        write(name + ".ext", ext);
        openssl("req", "-new", "-key", key, "-utf8", "-subj", subject, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-set_serial",
                serial, "-days", days, "-extfile", name + ".ext", "-out", name + ".pem");
        return generated(name + ".pem");
    }

    static Path generated(String file) {
        Path p = dir.resolve(file);
        GENERATED.add(p);
        return p;
    }

    @BeforeAll
    static void generate() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "root.key");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "inter.key");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key");
        openssl("genpkey", "-algorithm", "ED25519", "-out", "ed.key");
        write("root.cnf", """
                [req]
                distinguished_name = dn
                x509_extensions = v3
                [dn]
                [v3]
                basicConstraints = critical,CA:TRUE
                keyUsage = critical,keyCertSign,cRLSign
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid:always,issuer:always
                """);
        openssl("req", "-x509", "-new", "-key", "root.key", "-config", "root.cnf", "-days", "3650",
                "-set_serial", "1", "-subj", "/C=US/O=Acme, Inc./OU=Root+OU=Multi/CN=Acme Root CA",
                "-out", "root.pem");
        generated("root.pem");
        issue("inter", "/C=US/O=Acme, Inc./CN=Acme Intermediate", "inter.key", "root",
                "0x0fedcba9876543210123456789", "1000", """
                basicConstraints = critical,CA:TRUE,pathlen:0
                keyUsage = critical,digitalSignature,keyCertSign,cRLSign
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid,issuer
                certificatePolicies = 2.23.140.1.2.1,@pol1,1.2.3.4.5
                crlDistributionPoints = URI:http://crl.example.com/root.crl,URI:ldap://ldap.example.com/cn=root
                authorityInfoAccess = OCSP;URI:http://ocsp.example.com,caIssuers;URI:http://ca.example.com/r.crt
                nameConstraints = critical,permitted;DNS:.example.com,permitted;IP:10.0.0.0/255.0.0.0,\
                excluded;email:.bad.example,permitted;IP:2001:db8::/ffff:ffff::,excluded;dirName:dir_sect
                policyConstraints = requireExplicitPolicy:0,inhibitPolicyMapping:1
                inhibitAnyPolicy = 2
                [pol1]
                policyIdentifier = 1.3.6.1.4.1.99999.1
                CPS.1 = https://example.com/cps
                CPS.2 = http://example.com/cps2
                userNotice.1 = @notice
                [notice]
                explicitText = "Explicit notice text"
                organization = "Acme Org"
                noticeNumbers = 1,2,3
                [dir_sect]
                C = US
                O = Forbidden
                """);
        issue("leaf", "/C=DE/ST=Bayern/L=München/O=Acme \"Quoted\" GmbH/CN=www.example.com"
                + "/emailAddress=admin@example.com", "leaf.key", "inter", "0x8000000000000000", "365", """
                basicConstraints = CA:FALSE
                keyUsage = digitalSignature,keyEncipherment,nonRepudiation,dataEncipherment,keyAgreement,\
                encipherOnly,decipherOnly
                extendedKeyUsage = serverAuth,clientAuth,codeSigning,emailProtection,timeStamping,OCSPSigning,\
                1.2.3.4.5.6
                subjectAltName = DNS:www.example.com,DNS:*.example.com,IP:192.0.2.1,IP:2001:db8::1,\
                email:admin@example.com,URI:https://example.com/path?q=1,RID:1.2.3.4,dirName:dir_sect,\
                otherName:1.3.6.1.4.1.311.20.2.3;UTF8:user@example.com,otherName:1.2.3.4;UTF8:other
                issuerAltName = DNS:issuer.example.com,email:ca@example.com
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid
                1.2.3.4.5.6.7 = ASN1:UTF8String:private extension value
                1.3.6.1.4.1.99999.2 = critical,DER:01:02:03:ff:00:41:42
                nsComment = "Generated by OpenSSL"
                nsCertType = server,client,email,objsign,sslCA,emailCA,objCA
                tlsfeature = status_request,status_request_v2
                crlDistributionPoints = crldp_sect
                [crldp_sect]
                fullname = URI:http://crl.example.com/a.crl,URI:http://crl2.example.com/a.crl
                reasons = keyCompromise,CACompromise,superseded
                CRLissuer = dirName:dir_sect
                [dir_sect]
                C = US
                O = Acme CRL Issuer
                CN = a/b+c
                """);
        issue("ed25519", "/CN=ed25519 leaf/serialNumber=12345", "ed.key", "inter", "-9223372036854775808", "36500",
                "subjectKeyIdentifier = none\n");
        extensionVariants();
        serials();
        keys();
        crafted();
    }

    static void extensionVariants() throws Exception {
        issue("othernames", "/CN=othernames", "leaf.key", "root", "42", "30", """
                subjectAltName = otherName:1.3.6.1.5.5.7.8.7;IA5:_http._tcp.example.com,\
                otherName:1.3.6.1.5.5.7.8.9;UTF8:üser@example.com,otherName:1.3.6.1.5.5.7.8.5;UTF8:j@example.com,\
                otherName:1.3.6.1.5.5.7.8.8;UTF8:realm.example,otherName:1.2.3.4;INTEGER:5,\
                otherName:1.2.3.5;IA5:ia5value,otherName:2.5.4.3;UTF8:cn as othername,dirName:d
                [d]
                CN = a/b+c
                O = x\\\\,y
                """);
        issue("crlissuer", "/CN=crlissuer", "leaf.key", "root", "42", "30", """
                crlDistributionPoints = p1,p2,p3
                [p1]
                CRLissuer = otherName:1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.com,otherName:1.2.3.4;INTEGER:5,\
                otherName:1.3.6.1.5.5.7.8.7;IA5:_srv.example,RID:1.2.3,IP:10.1.2.3,email:x@example.com
                reasons = unused,affiliationChanged,cessationOfOperation,certificateHold,privilegeWithdrawn,\
                AACompromise
                [p2]
                relativename = rel
                [rel]
                CN = relative name
                +O = Rel Org
                [p3]
                fullname = URI:http://x.example/crl
                reasons = keyCompromise
                """);
        issue("ncons", "/CN=ncons", "leaf.key", "root", "42", "30", """
                nameConstraints = permitted;URI:.example.com,\
                permitted;otherName:1.3.6.1.4.1.311.20.2.3;UTF8:@example.com,excluded;IP:0.0.0.0/0.0.0.0,\
                excluded;RID:1.2.3
                """);
        // Values that decode to nothing, which OpenSSL prints as <EMPTY> or as the raw bytes.
        issue("empties", "/CN=empties", "leaf.key", "root", "42", "30", """
                subjectAltName = DER:30:00
                keyUsage = DER:03:01:00
                extendedKeyUsage = DER:30:00
                authorityInfoAccess = DER:30:00
                authorityKeyIdentifier = DER:30:00
                policyConstraints = DER:30:00
                nsComment = DER:16:00
                basicConstraints = DER:30:00
                subjectKeyIdentifier = DER:04:00
                certificatePolicies = DER:30:00
                crlDistributionPoints = DER:30:00
                nameConstraints = DER:30:00
                tlsfeature = DER:30:00
                """);
        issue("misc", "/CN=misc", "leaf.key", "root", "42", "30", """
                privateKeyUsagePeriod = DER:30:22:80:0f:32:30:32:34:30:31:30:31:30:30:30:30:30:30:5a:81:0f:32:30:\
                33:34:30:31:30:31:30:30:30:30:30:30:5a
                policyMappings = 1.2.3.4:1.2.3.5,2.23.140.1.2.1:2.5.29.32.0
                noCheck = ignored
                subjectInfoAccess = caRepository;URI:http://repo.example/,1.3.6.1.5.5.7.48.5;DNS:x.example
                1.3.6.1.4.1.11129.2.4.3 = critical,DER:05:00
                freshestCRL = URI:http://delta.example/crl
                nsBaseUrl = http://base.example/
                nsRevocationUrl = rev.cgi
                nsCaPolicyUrl = policy.html
                nsSslServerName = server.example
                inhibitAnyPolicy = DER:02:11:01:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00
                basicConstraints = critical,CA:TRUE,pathlen:128
                subjectKeyIdentifier = none
                authorityKeyIdentifier = keyid,issuer:always
                issuerAltName = issuer:copy
                tlsfeature = 5,17,23
                """);
        // Bytes after the value (ignored, as d2i ignores them), values that do not decode, an unknown extension.
        issue("badext", "/CN=badext", "leaf.key", "root", "42", "30", """
                keyUsage = DER:04:01:00
                subjectAltName = DER:30:03:82:01
                basicConstraints = DER:30:03:01:01:ff:00
                2.5.29.99 = DER:de:ad:be:ef:0a:0d:7e:7f:80
                """);
        issue("sct", "/CN=sct", "leaf.key", "root", "42", "30",
                "1.3.6.1.4.1.11129.2.4.2 = DER:" + sctList() + "\n");
    }

    /** An SCT list extension value: two v1 SCTs (ECDSA, and RSA with extensions) and one of an unknown version. */
    static String sctList() {
        byte[][] scts = {sct(0x18E12345678L, new byte[0], 3, 70), sct(1709294096123L, new byte[] {1, 2, 3}, 1, 256),
            {1, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17}};
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        for (byte[] s : scts) {
            list.write(s.length >> 8);
            list.write(s.length);
            list.writeBytes(s);
        }
        byte[] l = list.toByteArray();
        ByteArrayOutputStream os = new ByteArrayOutputStream();
        os.write(0x04);
        os.write(0x82);
        os.write((l.length + 2) >> 8);
        os.write(l.length + 2);
        os.write(l.length >> 8);
        os.write(l.length);
        os.writeBytes(l);
        return HexFormat.ofDelimiter(":").formatHex(os.toByteArray());
    }

    static byte[] sct(long timestamp, byte[] ext, int sigAlg, int sigLen) {
        ByteBuffer b = ByteBuffer.allocate(1 + 32 + 8 + 2 + ext.length + 4 + sigLen);
        b.put((byte) 0);
        for (int i = 0; i < 32; i++) {
            b.put((byte) i);
        }
        b.putLong(timestamp).putShort((short) ext.length).put(ext).put((byte) 4).put((byte) sigAlg)
                .putShort((short) sigLen);
        for (int i = 0; i < sigLen; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    /** Serial numbers on both sides of what fits in a long, and the -1 that OpenSSL 3.0 prints as hex. */
    static void serials() throws Exception {
        String[] serials = {"0", "1", "-1", "127", "128", "256", "0x7fffffffffffffff", "-0x7fffffffffffffff",
            "-0x8000000000000001", "0x10000000000000000", "0xffffffffffffffff", "-0xffffffffffffffff",
            "0x7f112233445566778899aabbccddeeff00112233"};
        for (int i = 0; i < serials.length; i++) {
            issue("serial" + i, "/CN=serial " + serials[i], "leaf.key", "root", serials[i], "30",
                    "basicConstraints = CA:FALSE\n");
        }
    }

    /** Self-signed certificates with the other key types, RSA-PSS signatures and a GeneralizedTime end date. */
    static void keys() throws Exception {
        String[][] made = {
            {"pss", "-newkey", "rsa:2048", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32",
                "-sigopt", "rsa_mgf1_md:sha512", "-sha384"},
            {"pss-default", "-newkey", "rsa:2048", "-sigopt", "rsa_padding_mode:pss"},
            {"e3", "-newkey", "rsa:1024", "-pkeyopt", "rsa_keygen_pubexp:3"},
            {"p521", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521"},
            {"secp256k1", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:secp256k1"},
            {"brainpool", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:brainpoolP256r1"},
            {"ed448", "-newkey", "ed448"},
            {"sha1-2150", "-newkey", "rsa:1024", "-sha1", "-days", "45000"},
        };
        for (String[] m : made) {
            List<String> args = new ArrayList<>(List.of("req", "-x509", "-nodes", "-keyout", m[0] + ".key",
                    "-subj", "/CN=" + m[0], "-out", m[0] + ".pem"));
            args.addAll(List.of(m).subList(1, m.length));
            openssl(args.toArray(String[]::new));
            generated(m[0] + ".pem");
        }
        openssl("genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "psskey.key");
        openssl("req", "-x509", "-new", "-key", "psskey.key", "-subj", "/CN=psskey", "-out", "psskey.pem");
        generated("psskey.pem");
        openssl("genpkey", "-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", "-pkeyopt",
                "rsa_pss_keygen_md:sha256", "-pkeyopt", "rsa_pss_keygen_mgf1_md:sha512", "-pkeyopt",
                "rsa_pss_keygen_saltlen:32", "-out", "psskey2.key");
        openssl("req", "-x509", "-new", "-key", "psskey2.key", "-subj", "/CN=psskey2", "-out", "psskey2.pem");
        generated("psskey2.pem");
        openssl("genpkey", "-algorithm", "X25519", "-out", "x25519.key");
        openssl("pkey", "-in", "x25519.key", "-pubout", "-out", "x25519.pub");
        openssl("req", "-new", "-key", "leaf.key", "-subj", "/CN=x25519", "-out", "x25519.csr");
        openssl("x509", "-req", "-in", "x25519.csr", "-force_pubkey", "x25519.pub", "-CA", "root.pem", "-CAkey",
                "root.key", "-out", "x25519.pem");
        generated("x25519.pem");
    }

    /**
     * Certificates written field by field with {@code asn1parse -genconf} (their signatures are not real; the text
     * does not check them): every string type in names, escapes and quoting, fractions of a second, time zone
     * offsets, version 1 with unique IDs, an empty signature.
     */
    static void crafted() throws Exception {
        openssl("pkey", "-in", "leaf.key", "-pubout", "-outform", "der", "-out", "leaf.spki");
        byte[] spki = Files.readAllBytes(dir.resolve("leaf.spki"));
        String point = HexFormat.of().formatHex(spki, spki.length - 65, spki.length);
        String sig = "FORMAT:HEX,BITSTRING:3006020101020101";
        craft("names", skeleton(sig, point, "ver = EXPLICIT:0,INTEGER:2", "INTEGER:0", "iname", "sname", "",
                "GENTIME:20240229123456.5Z", "IMPLICIT:24U,FORMAT:HEX,OCTETSTRING:" + hex("20991231235959.0123Z"))
                + name("iname",
                    "CN", "IMPLICIT:30U,FORMAT:HEX,OCTETSTRING:005a006f00eb002065e5672c0020",
                    "O", "IMPLICIT:20U,FORMAT:HEX,OCTETSTRING:4dfc6c6c6572",
                    "OU", "FORMAT:UTF8,UNIVERSALSTRING:a😀b",
                    "1.2.3.4.5", "SEQUENCE:sq",
                    "L", "IMPLICIT:12U,FORMAT:HEX,OCTETSTRING:20230a7f5c00",
                    "ST", "IMPLICIT:12U,FORMAT:HEX,OCTETSTRING:23",
                    "street", "IMPLICIT:12U,FORMAT:HEX,OCTETSTRING:20",
                    "title", "IMPLICIT:22U,FORMAT:HEX,OCTETSTRING:" + hex("#a,b= c\\d \"q\" <>;+"),
                    "1.3.6.1.4.1.311.60.2.1.3", "NUMERICSTRING:123")
                + """
                [sq]
                i = INTEGER:258
                [sname]
                r1 = SET:s1
                [s1]
                a = SEQUENCE:sa1
                b = SEQUENCE:sa2
                [sa1]
                t = OID:CN
                v = UTF8:x
                [sa2]
                t = OID:DC
                v = IA5STRING:example
                """);
        craft("v1", skeleton(sig, point, "", "INTEGER:-1", "n", "n", """
                iuid = IMPLICIT:1,FORMAT:HEX,BITSTRING:0102030405060708090a0b0c0d0e0f101112131415
                suid = IMPLICIT:2,FORMAT:HEX,BITSTRING:ff
                """, "UTCTIME:491231235959Z", "UTCTIME:500101000000Z") + name("n", "CN", "UTF8:v1 cert"));
        craft("offsets", skeleton(sig, point, "ver = EXPLICIT:0,INTEGER:1", "INTEGER:0x0080", "n", "n", "",
                "UTCTIME:2401010000+0130", "GENTIME:20240101000000-0800") + "[n]\n");
        craft("emptysig", skeleton("IMPLICIT:3U,FORMAT:HEX,OCTETSTRING:00", point, "ver = EXPLICIT:0,INTEGER:5",
                "INTEGER:7", "n", "n", "", "UTCTIME:240101000000Z",
                "IMPLICIT:24U,FORMAT:HEX,OCTETSTRING:" + hex("202401010000Z")) + "[n]\n");
    }

    /** A name section for {@code asn1parse -genconf}: one single-valued RDN per attribute type and value. */
    static String name(String section, String... typesAndValues) {
        StringBuilder sb = new StringBuilder("[" + section + "]\n");
        for (int i = 0; i < typesAndValues.length / 2; i++) {
            sb.append("r").append(i).append(" = SET:").append(section).append(i).append('\n');
        }
        for (int i = 0; i < typesAndValues.length / 2; i++) {
            sb.append("[").append(section).append(i).append("]\na = SEQUENCE:").append(section).append(i)
                    .append("a\n[").append(section).append(i).append("a]\nt = OID:").append(typesAndValues[2 * i])
                    .append("\nv = ").append(typesAndValues[2 * i + 1]).append('\n');
        }
        return sb.toString();
    }

    /**
     * An {@code asn1parse -genconf} certificate around the EC key {@code point}: the signature, version line,
     * serial, the sections of the two names, more TBSCertificate fields and the two validity times are given.
     */
    static String skeleton(String sig, String point, String version, String serial, String issuer, String subject,
                           String moreTbs, String notBefore, String notAfter) {
        return """
                asn1 = SEQUENCE:cert
                [cert]
                tbs = SEQUENCE:tbs
                alg = SEQUENCE:sigalg
                sig = %s
                [sigalg]
                o = OID:ecdsa-with-SHA256
                [spki]
                alg = SEQUENCE:spkialg
                pt = FORMAT:HEX,BITSTRING:%s
                [spkialg]
                a = OID:id-ecPublicKey
                c = OID:prime256v1
                [tbs]
                %s
                serial = %s
                alg = SEQUENCE:sigalg
                issuer = SEQUENCE:%s
                validity = SEQUENCE:validity
                subject = SEQUENCE:%s
                spki = SEQUENCE:spki
                %s
                [validity]
                nb = %s
                na = %s
                """.formatted(sig, point, version, serial, issuer, subject, moreTbs, notBefore, notAfter);
    }

    static String hex(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    static void craft(String name, String conf) throws Exception {
        write(name + ".cnf", conf);
        openssl("asn1parse", "-genconf", name + ".cnf", "-out", name + ".der", "-noout");
        openssl("x509", "-inform", "der", "-in", name + ".der", "-out", name + ".pem");
        generated(name + ".pem");
    }

    /** The files whose text differs from openssl's, each with its first differing line. */
    static List<String> mismatches(List<Path> certs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Path p : certs) {
                results.add(pool.submit(() -> mismatch(p)));
            }
            List<String> bad = new ArrayList<>();
            for (Future<String> f : results) {
                if (f.get() != null) {
                    bad.add(f.get());
                }
            }
            return bad;
        } finally {
            pool.shutdown();
        }
    }

    static String mismatch(Path p) throws Exception {
        Openssl.Out o = Openssl.run(dir, "x509", "-in", p.toString(), "-noout", "-text");
        assertEquals(0, o.exit(), p + ": " + o.err());
        String expected = o.utf8();
        String actual = CertificateText.of(Certificate.read(Files.readAllBytes(p), p.toString()));
        if (expected.equals(actual)) {
            return null;
        }
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            if (!e[i].equals(a[i])) {
                return p + " line " + (i + 1) + "\n  openssl: " + e[i] + "\n  whale:   " + a[i];
            }
        }
        return p + ": openssl has " + e.length + " lines, whale " + a.length;
    }

    @Test
    void of_everyTrustStoreCertificate_sameAsOpenssl() throws Exception {
        List<Path> certs;
        try (Stream<Path> s = Files.list(TRUST_STORE)) {
            certs = s.filter(p -> p.toString().endsWith(".pem")).sorted().toList();
        }
        assertTrue(certs.size() > 100, "expected the Mozilla roots in " + TRUST_STORE
                + "; install them: apt-get install ca-certificates");
        List<String> bad = mismatches(certs);
        assertEquals(List.of(), bad, bad.size() + " of " + certs.size() + " differ");
    }

    @Test
    void of_generatedCertificates_sameAsOpenssl() throws Exception {
        assertTrue(GENERATED.size() > 30, "generated " + GENERATED.size());
        List<String> bad = mismatches(GENERATED);
        assertEquals(List.of(), bad, bad.size() + " of " + GENERATED.size() + " differ");
    }

    @Test
    void printLines_andPem_sameAsOpenssl() throws Exception {
        for (Path p : GENERATED) {
            Certificate c = Certificate.read(Files.readAllBytes(p), p.toString());
            Openssl.Out o = Openssl.run(dir, "x509", "-in", p.toString(), "-subject", "-issuer", "-serial", "-dates",
                    "-fingerprint", "-sha256", "-pubkey");
            String whale = "subject=" + CertificateText.subject(c) + "\n"
                    + "issuer=" + CertificateText.issuer(c) + "\n"
                    + "serial=" + CertificateText.serial(c) + "\n"
                    + "notBefore=" + CertificateText.notBefore(c) + "\n"
                    + "notAfter=" + CertificateText.notAfter(c) + "\n"
                    + "sha256 Fingerprint=" + CertificateText.fingerprint(c, "sha256") + "\n"
                    + c.publicKeyPem()
                    + c.pem();
            assertEquals(o.utf8(), whale, p.toString());
        }
    }
}
