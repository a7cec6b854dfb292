package dev.whale.cli.pki;

import dev.whale.cli.WhaleCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code whale pki version}: {@code openssl version -d} prints the directory whose {@code cert.pem} and
 * {@code certs/} are the default trust store, and so does this. The version line is whale's own: it is not OpenSSL.
 */
@Command(name = "version", description = {"Print whale's version, or with -d the OpenSSL directory (OPENSSLDIR) whose "
        + "cert.pem and certs/ pki verify trusts by default, as openssl version -d prints it."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale pki version -d        # OPENSSLDIR: \"/usr/lib/ssl\"",
                "  ./whale pki version -a"})
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "-a", description = "All that whale has of OpenSSL's list: the version and OPENSSLDIR.")
    boolean all;

    @Option(names = "-v", description = "The version (the default without options).")
    boolean version;

    @Option(names = "-d", description = "OPENSSLDIR, the directory of the default trust store.")
    boolean dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        // OpenSSL's order whatever the order of the options: the version line first.
        if (all || version || !dir) {
            out.println(new WhaleCommand.Version().getVersion()[0]);
        }
        if (all || dir) {
            out.println("OPENSSLDIR: \"" + OpensslDefaults.OPENSSLDIR + "\"");
        }
        out.flush();
        return 0;
    }
}
