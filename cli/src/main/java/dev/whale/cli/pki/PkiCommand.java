package dev.whale.cli.pki;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code whale pki}: OpenSSL's verbs with OpenSSL's flags and output, and what OpenSSL does not do. */
@Command(name = "pki", mixinStandardHelpOptions = true,
        description = {"Keys and certificates. The verbs take OpenSSL's flags and print what OpenSSL 3.0 prints; "
                + "inspect explains any key file in one block."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki genpkey -algorithm RSA -out private.pem -pkeyopt rsa_keygen_bits:2048",
                "  ./whale pki asn1parse -inform pem -in private.pem -strparse 22",
                "  ./whale pki rsa -in private.pem -noout -text",
                "  ./whale pki inspect ~/.ssh/id_ed25519"})
public final class PkiCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** The pki commands by name, in the order help lists them. */
    public static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("asn1parse", Asn1parseCommand::new);
        m.put("rsa", RsaCommand::new);
        m.put("pkey", PkeyCommand::new);
        m.put("genpkey", GenpkeyCommand::new);
        m.put("pkcs8", Pkcs8Command::new);
        m.put("dgst", DgstCommand::new);
        m.put("rand", RandCommand::new);
        m.put("genrsa", GenrsaCommand::new);
        m.put("ec", EcCommand::new);
        m.put("ecparam", EcparamCommand::new);
        m.put("x509", X509Command::new);
        m.put("req", ReqCommand::new);
        m.put("crl", CrlCommand::new);
        m.put("pkcs12", Pkcs12Command::new);
        m.put("verify", VerifyCommand::new);
        m.put("inspect", InspectCommand::new);
        m.put("explain-signature", ExplainSignatureCommand::new);
        m.put("keystore", KeystoreCommand::new);
        m.put("stats", StatsCommand::new);
        m.put("version", VersionCommand::new);
        return m;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
