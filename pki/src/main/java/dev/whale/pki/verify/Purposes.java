package dev.whale.pki.verify;

import dev.whale.pki.x509.Certificate;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * What a certificate may be used for, as {@code openssl x509 -purpose} prints it: each of OpenSSL 3.0's standard
 * purposes, as a leaf and as a CA, checked as {@code X509_check_purpose} does (crypto/x509/v3_purp.c) from the key
 * usage, extended key usage, basic constraints and Netscape certificate type.
 *
 * <pre>{@code
 * Purposes.text(cert);   // "Certificate purposes:\nSSL client : Yes\nSSL client CA : No\n..."
 * }</pre>
 */
public final class Purposes {
    // The bits of ex_xkusage and ex_nscert (include/openssl/x509v3.h).
    private static final int XKU_SSL_SERVER = 0x1;
    private static final int XKU_SSL_CLIENT = 0x2;
    private static final int XKU_SMIME = 0x4;
    private static final int XKU_SGC = 0x10;
    private static final int XKU_TIMESTAMP = 0x40;
    private static final int NS_SSL_CLIENT = 0x80;
    private static final int NS_SSL_SERVER = 0x40;
    private static final int NS_SMIME = 0x20;
    private static final int NS_SSL_CA = 0x04;
    private static final int NS_SMIME_CA = 0x02;

    /** One standard purpose: its name and its check, which returns 0 for no, 1 for yes, more for yes with a warning. */
    private record Purpose(String name, Check check) {}

    @FunctionalInterface
    private interface Check {
        int check(CertFacts x, boolean ca);
    }

    private static final Purpose[] STANDARD = {
        new Purpose("SSL client", Purposes::sslClient),
        new Purpose("SSL server", Purposes::sslServer),
        new Purpose("Netscape SSL server", Purposes::nsSslServer),
        new Purpose("S/MIME signing", Purposes::smimeSign),
        new Purpose("S/MIME encryption", Purposes::smimeEncrypt),
        new Purpose("CRL signing", Purposes::crlSign),
        new Purpose("Any Purpose", (x, ca) -> 1),
        new Purpose("OCSP helper", (x, ca) -> ca ? x.caKind() : 1),
        new Purpose("Time Stamp signing", Purposes::timestampSign),
    };

    private Purposes() {}

    /** The {@code Certificate purposes:} block of {@code openssl x509 -purpose}. */
    public static String text(Certificate c) {
        CertFacts x = new CertFacts(c);
        StringBuilder sb = new StringBuilder(512).append("Certificate purposes:\n");
        for (Purpose p : STANDARD) {
            for (boolean ca : new boolean[] {false, true}) {
                int r = p.check().check(x, ca);
                sb.append(p.name()).append(ca ? " CA" : "").append(" : ")
                        .append(r == 1 ? "Yes" : r == 0 ? "No" : "Yes (WARNING code=" + r + ")").append('\n');
            }
        }
        return sb.toString();
    }

    /** The ex_xkusage bits of the extended key usage extension. */
    private static int xku(CertFacts x) {
        int bits = 0;
        for (String oid : x.extendedKeyUsage) {
            bits |= switch (oid) {
                case "1.3.6.1.5.5.7.3.1" -> XKU_SSL_SERVER;
                case "1.3.6.1.5.5.7.3.2" -> XKU_SSL_CLIENT;
                case "1.3.6.1.5.5.7.3.4" -> XKU_SMIME;
                case "1.3.6.1.5.5.7.3.3" -> 0x8;
                case "2.16.840.1.113730.4.1", "1.3.6.1.4.1.311.10.3.3" -> XKU_SGC;
                case "1.3.6.1.5.5.7.3.9" -> 0x20;
                case "1.3.6.1.5.5.7.3.8" -> XKU_TIMESTAMP;
                case "1.3.6.1.5.5.7.3.10" -> 0x80;
                case "2.5.29.37.0" -> 0x100;
                default -> 0;
            };
        }
        return bits;
    }

    private static boolean kuReject(CertFacts x, int usage) {
        return x.keyUsage != null && (keyUsageBits(x) & usage) == 0;
    }

    private static int keyUsageBits(CertFacts x) {
        int bits = 0;
        for (int u : new int[] {KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment,
            KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign, KeyUsage.cRLSign,
            KeyUsage.encipherOnly, KeyUsage.decipherOnly}) {
            if (x.keyUsage.hasUsages(u)) {
                bits |= u;
            }
        }
        return bits;
    }

    private static boolean xkuReject(CertFacts x, int usage) {
        return x.extendedKeyUsage != null && (xku(x) & usage) == 0;
    }

    private static boolean nsReject(CertFacts x, int usage) {
        return x.nsCertType >= 0 && (x.nsCertType & usage) == 0;
    }

    private static int sslCa(CertFacts x) {
        int ca = x.caKind();
        if (ca == 0) {
            return 0;
        }
        // OpenSSL 3.0 answers a plain yes here, where the S/MIME checks pass the kind of CA on as a warning.
        return ca != 5 || (x.nsCertType & NS_SSL_CA) != 0 ? 1 : 0;
    }

    private static int sslClient(CertFacts x, boolean ca) {
        if (xkuReject(x, XKU_SSL_CLIENT)) {
            return 0;
        }
        if (ca) {
            return sslCa(x);
        }
        if (kuReject(x, KeyUsage.digitalSignature | KeyUsage.keyAgreement)) {
            return 0;
        }
        return nsReject(x, NS_SSL_CLIENT) ? 0 : 1;
    }

    private static int sslServer(CertFacts x, boolean ca) {
        if (xkuReject(x, XKU_SSL_SERVER | XKU_SGC)) {
            return 0;
        }
        if (ca) {
            return sslCa(x);
        }
        if (nsReject(x, NS_SSL_SERVER)) {
            return 0;
        }
        return kuReject(x, KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement) ? 0 : 1;
    }

    private static int nsSslServer(CertFacts x, boolean ca) {
        int r = sslServer(x, ca);
        if (r == 0 || ca) {
            return r;
        }
        return kuReject(x, KeyUsage.keyEncipherment) ? 0 : r;
    }

    private static int smime(CertFacts x, boolean ca) {
        if (xkuReject(x, XKU_SMIME)) {
            return 0;
        }
        if (ca) {
            int kind = x.caKind();
            if (kind == 0) {
                return 0;
            }
            return kind != 5 || (x.nsCertType & NS_SMIME_CA) != 0 ? kind : 0;
        }
        if (x.nsCertType >= 0) {
            if ((x.nsCertType & NS_SMIME) != 0) {
                return 1;
            }
            return (x.nsCertType & NS_SSL_CLIENT) != 0 ? 2 : 0;
        }
        return 1;
    }

    private static int smimeSign(CertFacts x, boolean ca) {
        int r = smime(x, ca);
        if (r == 0 || ca) {
            return r;
        }
        return kuReject(x, KeyUsage.digitalSignature | KeyUsage.nonRepudiation) ? 0 : r;
    }

    private static int smimeEncrypt(CertFacts x, boolean ca) {
        int r = smime(x, ca);
        if (r == 0 || ca) {
            return r;
        }
        return kuReject(x, KeyUsage.keyEncipherment) ? 0 : r;
    }

    private static int crlSign(CertFacts x, boolean ca) {
        if (ca) {
            int kind = x.caKind();
            return kind == 2 ? 0 : kind;
        }
        return kuReject(x, KeyUsage.cRLSign) ? 0 : 1;
    }

    private static int timestampSign(CertFacts x, boolean ca) {
        if (ca) {
            return x.caKind();
        }
        if (x.keyUsage != null) {
            int ku = keyUsageBits(x);
            int allowed = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
            if ((ku & ~allowed) != 0 || (ku & allowed) == 0) {
                return 0;
            }
        }
        if (x.extendedKeyUsage == null || xku(x) != XKU_TIMESTAMP) {
            return 0;
        }
        return x.extendedKeyUsageCritical ? 1 : 0;
    }
}
