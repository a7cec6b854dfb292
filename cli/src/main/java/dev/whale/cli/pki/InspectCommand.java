package dev.whale.cli.pki;

import picocli.CommandLine.Command;

/** Placeholder while the command is written in this session; replaced before any commit that lands. */
@Command(name = "InspectCommand", hidden = true)
final class InspectCommand implements Runnable {
    @Override
    public void run() {
        throw new dev.whale.cli.Errors.UsageException("not available in this build");
    }
}
