package dev.whale.cli.pki;

import dev.whale.cli.Errors;
import dev.whale.pki.PkiException;
import dev.whale.pki.verify.SignatureExplanation;
import dev.whale.pki.verify.TrustStore;
import dev.whale.pki.x509.Certificates;
import dev.whale.pki.x509.DistinguishedNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.cert.X509CertificateHolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code whale pki explain-signature}: a certificate's signature checked by hand, step by step. */
@Command(name = "explain-signature", mixinStandardHelpOptions = true,
        description = {"Check a certificate's signature step by step. For RSA: the signature value, s^e mod n with "
                + "its PKCS#1 v1.5 padding marked, the DigestInfo inside, the hash of the TBSCertificate, MATCH or "
                + "MISMATCH. For ECDSA and Ed25519, which give no digest back, the signature's parts and the check. "
                + "The issuer is the certificate itself when self-signed, else found in /etc/ssl/certs by name. "
                + "Exits 1 on MISMATCH."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki explain-signature /etc/ssl/certs/Amazon_Root_CA_1.pem",
                "  ./whale pki explain-signature server.pem -issuer intermediate.pem"})
final class ExplainSignatureCommand implements Callable<Integer> {
    private static final HexFormat HEX = HexFormat.of();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CERT", description = "The certificate whose signature to check.")
    Path cert;

    @Option(names = {"-issuer", "--issuer"}, paramLabel = "FILE", description = "The issuer's certificate "
            + "(default: the certificate itself when self-signed, else looked up in /etc/ssl/certs).")
    Path issuerFile;

    @Override
    public Integer call() {
        Inputs.Input input = Inputs.read(cert);
        X509CertificateHolder c = Certificates.readFirst(input.bytes(), input.name());
        String issuerNote;
        X509CertificateHolder issuer;
        if (issuerFile != null) {
            Inputs.Input i = Inputs.read(issuerFile);
            issuer = Certificates.readFirst(i.bytes(), i.name());
            issuerNote = "from " + i.name();
        } else if (DistinguishedNames.equal(c.getSubject(), c.getIssuer())) {
            issuer = c;
            issuerNote = "self-signed";
        } else {
            issuer = lookUp(c, input.name());
            issuerNote = "found in " + dirs() + " by name";
        }
        SignatureExplanation x = explain(c, issuer, input.name());
        PrintWriter out = spec.commandLine().getOut();
        out.println("certificate: " + DistinguishedNames.oneline(c.getSubject()));
        out.println("issuer:      " + DistinguishedNames.oneline(issuer.getSubject()) + " (" + issuerNote + ")");
        out.println("algorithm:   " + x.algorithm());
        String keyLine = x.keyAlgorithm() + " " + x.keyBits() + " bit";
        if (x.rsa().isPresent()) {
            keyLine += ", public exponent e = " + x.rsa().get().exponent();
        } else if (x.ecdsa().isPresent() && x.ecdsa().get().curve() != null) {
            keyLine += ", curve " + x.ecdsa().get().curve();
        }
        out.println("issuer key:  " + keyLine);
        out.println();
        String verdict;
        if (x.rsa().isPresent()) {
            verdict = rsa(out, x, x.rsa().get());
        } else {
            verdict = other(out, x);
        }
        out.println();
        out.println(verdict);
        out.flush();
        return x.match() ? 0 : 1;
    }

    private static String rsa(PrintWriter out, SignatureExplanation x, SignatureExplanation.Rsa r) {
        out.println("signature value s (" + x.signature().length + " bytes, big-endian):");
        hexLines(out, x.signature());
        out.println();
        if (r.decrypted().length == 0) {
            return "MISMATCH: " + r.problem();
        }
        out.println("s^e mod n (" + r.decrypted().length + " bytes):");
        hexLines(out, r.decrypted());
        if (r.separator() < 0) {
            return "MISMATCH: " + r.problem();
        }
        out.println("  = 00 01 | ff x " + (r.separator() - 2) + " | 00 | DigestInfo (" + r.digestInfo().length
                + " bytes)");
        out.println();
        out.println("DigestInfo: " + HEX.formatHex(r.digestInfo()));
        if (r.recoveredDigest() != null) {
            out.println("  algorithm: " + r.digestInfoAlgorithm() + " (" + r.digestInfoOid() + ")");
            out.println("  digest:    " + HEX.formatHex(r.recoveredDigest()));
        }
        out.println();
        computed(out, x);
        if (r.problem() != null) {
            return "MISMATCH: " + r.problem();
        }
        return x.match() ? "MATCH" : "MISMATCH: the digest in the signature is not the digest of the "
                + "TBSCertificate";
    }

    private static String other(PrintWriter out, SignatureExplanation x) {
        out.println("signature value (" + x.signature().length + " bytes):");
        hexLines(out, x.signature());
        if (x.ecdsa().isPresent()) {
            out.println("  = Ecdsa-Sig-Value");
            out.println("  r: " + x.ecdsa().get().r().toString(16));
            out.println("  s: " + x.ecdsa().get().s().toString(16));
            out.println();
            computed(out, x);
            out.println();
            out.println("ECDSA gives no digest back: no public operation turns the signature into the digest. The");
            out.println("verifier computes a point from the digest, s and the issuer's public key, and checks that");
            out.println("its x coordinate is r (mod the curve order). That check is BouncyCastle's.");
        } else if (x.keyAlgorithm().equals("ED25519")) {
            out.println();
            out.println("Ed25519 signs the TBSCertificate itself, not a digest of it: SHA-512 runs inside the");
            out.println("algorithm over R, the public key and the message, so there is no digest to recover or");
            out.println("compare. The check (is [S]B = R + [k]A?) is BouncyCastle's.");
        } else {
            out.println();
            out.println(x.algorithm() + " is not explained step by step; the check is BouncyCastle's.");
        }
        return x.match() ? "MATCH" : "MISMATCH: the signature does not verify with the issuer's key";
    }

    private static void computed(PrintWriter out, SignatureExplanation x) {
        out.println(x.digestName() + " of the TBSCertificate (" + x.tbsLength() + " bytes at offset "
                + x.tbsOffset() + "):");
        out.println("             " + HEX.formatHex(x.computedDigest()));
    }

    private static void hexLines(PrintWriter out, byte[] b) {
        for (int i = 0; i < b.length; i += 32) {
            out.println("  " + HEX.formatHex(b, i, Math.min(b.length, i + 32)));
        }
    }

    /** The default CA directories, as SSL_CERT_DIR writes them. */
    private static String dirs() {
        return String.join(":", OpensslDefaults.certDirs().stream().map(Path::toString).toList());
    }

    /** The check of {@code c}'s signature; a signature that cannot be checked is one line naming {@code source}. */
    private static SignatureExplanation explain(X509CertificateHolder c, X509CertificateHolder issuer,
                                                String source) {
        try {
            return SignatureExplanation.of(c, issuer);
        } catch (PkiException e) {
            throw new Errors.FailureException(source + ": " + e.getMessage(), e);
        }
    }

    /** The issuer of {@code c} in the default CA directory: a certificate named as its issuer whose key signed it. */
    private static X509CertificateHolder lookUp(X509CertificateHolder c, String source) {
        List<X509CertificateHolder> candidates = TrustStore.of(List.of(), OpensslDefaults.certDirs())
                .bySubject(c.getIssuer());
        if (candidates.isEmpty()) {
            throw new Errors.FailureException("the issuer " + DistinguishedNames.oneline(c.getIssuer())
                    + " is not in " + dirs() + "; give its certificate with -issuer FILE");
        }
        for (X509CertificateHolder candidate : candidates) {
            if (explain(c, candidate, source).match()) {
                return candidate;
            }
        }
        return candidates.get(0);
    }
}
