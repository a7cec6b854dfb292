package dev.whale.cli.ssh;

import picocli.CommandLine.Command;

/** Placeholder while the command is written in this session; replaced before any commit that lands. */
@Command(name = "ssh-keygen", hidden = true)
public final class SshKeygenCommand implements Runnable {
    @Override
    public void run() {
        throw new dev.whale.cli.Errors.UsageException("not available in this build");
    }
}
