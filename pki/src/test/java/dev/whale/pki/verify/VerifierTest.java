package dev.whale.pki.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.whale.pki.key.KeyData;
import dev.whale.pki.key.Keys;
import dev.whale.pki.x509.Certificate;
import dev.whale.pki.x509.ExtensionConfig;
import dev.whale.pki.x509.ExtensionSpec;
import dev.whale.pki.x509.Issuer;
import dev.whale.pki.x509.Name;
import dev.whale.pki.x509.SubjectArgument;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chains made with {@link Issuer}, verified as openssl verify does; the CLI tests compare the same with openssl. */
public class VerifierTest {
    static final Instant NOW = Instant.parse("2030-06-01T00:00:00Z");
    public static final SecureRandom RANDOM = new SecureRandom();

    public static KeyData ec() {
        return Keys.generate("EC", 0, BigInteger.ZERO, "P-256", RANDOM);
    }

    static Name name(String subj) {
        return SubjectArgument.parse(subj, false).name();
    }

    static final List<ExtensionSpec> CA = ExtensionConfig.parse("""
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid,issuer
            """, "ca.ext").section("default");

    public static final List<ExtensionSpec> LEAF = ExtensionConfig.parse("""
            basicConstraints = CA:FALSE
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid,issuer
            """, "leaf.ext").section("default");

    /** root, intermediate and leaf, valid 2029..2031 unless a test asks otherwise. */
    public record Chain(Certificate root, Certificate intermediate, Certificate leaf) {}

    static Chain chain(Instant intermediateUntil, Instant leafUntil, Instant leafFrom) {
        KeyData rootKey = ec();
        KeyData intKey = ec();
        KeyData leafKey = ec();
        Instant from = Instant.parse("2029-01-01T00:00:00Z");
        Certificate root = Issuer.selfSigned(rootKey.privateKey()).subject(name("/CN=Test Root"))
                .extensions(ExtensionConfig.V3_CA).validity(from, Instant.parse("2040-01-01T00:00:00Z")).issue();
        Certificate intermediate = Issuer.signedBy(root, rootKey.privateKey())
                .subject(name("/O=Acme, Inc./CN=Test Intermediate")).publicKey(intKey.publicKey()).extensions(CA)
                .validity(from, intermediateUntil).issue();
        Certificate leaf = Issuer.signedBy(intermediate, intKey.privateKey())
                .subject(name("/CN=leaf.example")).publicKey(leafKey.publicKey()).extensions(LEAF)
                .validity(leafFrom, leafUntil).issue();
        return new Chain(root, intermediate, leaf);
    }

    public static Chain chain() {
        return chain(Instant.parse("2031-01-01T00:00:00Z"), Instant.parse("2031-01-01T00:00:00Z"),
                Instant.parse("2029-01-01T00:00:00Z"));
    }

    static Verifier verifier(List<Certificate> trusted, List<Certificate> untrusted) {
        return Verifier.builder().trustStore(TrustStore.of(trusted, List.of())).untrusted(untrusted).at(NOW).build();
    }

    /** The problems as openssl verify prints their numbers: "20@0". */
    static String problems(Verification v) {
        return String.join(" ", v.problems().stream().map(p -> p.error().code() + "@" + p.depth()).toList());
    }

    @Test
    void verify_trustedRoot_ok() {
        Chain c = chain();
        Verification v = verifier(List.of(c.root()), List.of(c.intermediate())).verify(c.leaf());
        assertTrue(v.ok(), problems(v));
        assertEquals(List.of(c.leaf(), c.intermediate(), c.root()), v.chain());
        assertEquals(2, v.untrusted());
    }

    @Test
    void verify_selfSignedNotTrusted_error18() {
        Chain c = chain();
        assertEquals("18@0", problems(verifier(List.of(), List.of()).verify(c.root())));
    }

    @Test
    void verify_missingIntermediate_error20() {
        Chain c = chain();
        Verification v = verifier(List.of(c.root()), List.of()).verify(c.leaf());
        assertEquals("20@0", problems(v));
        assertEquals(c.leaf(), v.problems().get(0).certificate());
    }

    @Test
    void verify_onlyIntermediateTrusted_error2AtDepth1() {
        Chain c = chain();
        Verification v = verifier(List.of(c.intermediate()), List.of()).verify(c.leaf());
        assertEquals("2@1", problems(v));
        assertEquals(c.intermediate(), v.problems().get(0).certificate());
    }

    @Test
    void verify_onlyIntermediateTrusted_partialChainOk() {
        Chain c = chain();
        Verification v = Verifier.builder().trustStore(TrustStore.of(List.of(c.intermediate()), List.of()))
                .partialChain(true).at(NOW).build().verify(c.leaf());
        assertTrue(v.ok(), problems(v));
    }

    @Test
    void verify_rootAmongUntrusted_error19AtDepth2() {
        Chain c = chain();
        assertEquals("19@2", problems(verifier(List.of(), List.of(c.intermediate(), c.root())).verify(c.leaf())));
    }

    @Test
    void verify_leafAndIntermediateExpired_error10AtBothDepths() {
        Chain c = chain(Instant.parse("2030-01-01T00:00:00Z"), Instant.parse("2030-02-01T00:00:00Z"),
                Instant.parse("2029-01-01T00:00:00Z"));
        assertEquals("10@1 10@0", problems(verifier(List.of(c.root()), List.of(c.intermediate())).verify(c.leaf())));
    }

    @Test
    void verify_leafNotYetValid_error9() {
        Chain c = chain(Instant.parse("2031-01-01T00:00:00Z"), Instant.parse("2031-01-01T00:00:00Z"),
                NOW.plus(1, ChronoUnit.DAYS));
        assertEquals("9@0", problems(verifier(List.of(c.root()), List.of(c.intermediate())).verify(c.leaf())));
    }

    @Test
    void verify_notBeforeEqualToTime_notYetValid() {
        // X509_cmp_time treats equal times as "not before": OpenSSL's <= comparison.
        Chain c = chain(Instant.parse("2031-01-01T00:00:00Z"), Instant.parse("2031-01-01T00:00:00Z"), NOW);
        assertEquals("9@0", problems(verifier(List.of(c.root()), List.of(c.intermediate())).verify(c.leaf())));
    }

    @Test
    void verify_signedByAnotherKeyOfTheSameName_error7() {
        Chain c = chain();
        KeyData impostorKey = ec();
        Certificate impostor = Issuer.selfSigned(impostorKey.privateKey())
                .subject(c.intermediate().subject()).issue();
        // Without an authority key identifier nothing tells the two issuers apart until the signature is checked.
        Certificate forged = Issuer.signedBy(impostor, impostorKey.privateKey())
                .subject(name("/CN=leaf.example")).publicKey(ec().publicKey())
                .extensions(List.of(new ExtensionSpec("basicConstraints", "CA:FALSE", "test")))
                .validity(Instant.parse("2029-01-01T00:00:00Z"), Instant.parse("2031-01-01T00:00:00Z")).issue();
        assertEquals("7@0", problems(verifier(List.of(c.root()), List.of(c.intermediate())).verify(forged)));
    }

    @Test
    void verify_crossSignedLoopInTrustStore_chainTooLong() {
        KeyData a = ec();
        KeyData b = ec();
        Instant from = Instant.parse("2029-01-01T00:00:00Z");
        Instant to = Instant.parse("2031-01-01T00:00:00Z");
        Certificate b0 = Issuer.selfSigned(b.privateKey()).subject(name("/CN=CA B")).validity(from, to)
                .extensions(ExtensionConfig.V3_CA).issue();
        Certificate aByB = Issuer.signedBy(b0, b.privateKey()).subject(name("/CN=CA A"))
                .publicKey(a.publicKey()).extensions(CA).validity(from, to).issue();
        Certificate bByA = Issuer.signedBy(aByB, a.privateKey()).subject(name("/CN=CA B"))
                .publicKey(b.publicKey()).extensions(CA).validity(from, to).issue();
        Certificate leaf = Issuer.signedBy(aByB, a.privateKey()).subject(name("/CN=looped"))
                .publicKey(ec().publicKey()).extensions(LEAF).validity(from, to).issue();
        Verification v = verifier(List.of(aByB, bByA), List.of()).verify(leaf);
        assertEquals("22@101", problems(v));
        assertEquals("CN = CA A", v.problems().get(0).certificate().subject().oneline());
        assertEquals("20@2", problems(verifier(List.of(), List.of(aByB, bByA)).verify(leaf)));
    }

    @Test
    void verify_nonCaIntermediate_invalidCaReportedAndContinues() {
        KeyData rootKey = ec();
        KeyData intKey = ec();
        Instant from = Instant.parse("2029-01-01T00:00:00Z");
        Instant to = Instant.parse("2031-01-01T00:00:00Z");
        Certificate root = Issuer.selfSigned(rootKey.privateKey()).subject(name("/CN=R"))
                .extensions(ExtensionConfig.V3_CA).validity(from, to).issue();
        Certificate notCa = Issuer.signedBy(root, rootKey.privateKey()).subject(name("/CN=I"))
                .publicKey(intKey.publicKey()).extensions(LEAF).validity(from, to).issue();
        Certificate leaf = Issuer.signedBy(notCa, intKey.privateKey()).subject(name("/CN=L"))
                .publicKey(ec().publicKey()).extensions(LEAF).validity(from, to).issue();
        assertEquals("79@1", problems(verifier(List.of(root), List.of(notCa)).verify(leaf)));
    }

    @Test
    void verify_trustedSelfSignedLeaf_ok() {
        Chain c = chain();
        assertTrue(verifier(List.of(c.root()), List.of()).verify(c.root()).ok());
    }
}
