package dev.whale.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command; it only lists the others. */
@Command(name = "whale", mixinStandardHelpOptions = true, versionProvider = WhaleCommand.Version.class,
        description = "A devops system in one command: a web service, consistent hashing, keys and certificates.",
        footerHeading = "%nExamples:%n",
        footer = {"  ./whale serve",
                "  ./whale scenario up users",
                "  ./whale ring demo --nodes 3 --partitions 5",
                "  ./whale ring locate user42 --profile nginx --servers 10.0.0.1:80,10.0.0.2:80",
                "  ./whale pki rsa -in private.pem -noout -text",
                "  ./whale ssh-keygen -t ed25519 -a 100 -f id_ed25519",
                "  ./whale test"})
public final class WhaleCommand implements Runnable {

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean debug;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** whale's version and the Java it runs on, as {@code --version} prints them. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WhaleCommand.class.getPackage().getImplementationVersion();
            return new String[] {"whale " + (v == null ? "(development build)" : v)
                    + " on Java " + Runtime.version()};
        }
    }
}
