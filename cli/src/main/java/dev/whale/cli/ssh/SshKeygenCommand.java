package dev.whale.cli.ssh;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code whale ssh-keygen}: ssh-keygen's own flags, parsed the way ssh-keygen parses them (see {@link SshKeygen}),
 * so picocli only hands the words over.
 */
@Command(name = "ssh-keygen",
        description = "Generate OpenSSH keys, change their passphrase or format, print public keys and fingerprints, "
                + "convert public keys: ssh-keygen's flags and output (see 'whale ssh-keygen --help').",
        footerHeading = "%nExamples:%n",
        footer = {KeygenOptions.EXAMPLE_GENERATE, KeygenOptions.EXAMPLE_PKCS8, KeygenOptions.EXAMPLE_FINGERPRINT,
                KeygenOptions.EXAMPLE_EXPORT})
public final class SshKeygenCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return new SshKeygen(System.in, spec.commandLine().getOut(), spec.commandLine().getErr(),
                Dialogue.terminalConsole(), SshKeygen.User.current(), new SecureRandom(), Dialogue.isTerminal(2))
                .run(args);
    }
}
