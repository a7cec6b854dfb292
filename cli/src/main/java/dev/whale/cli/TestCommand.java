package dev.whale.cli;

import picocli.CommandLine.Command;

/** Listed for help only: the launcher runs the suite with Maven before the CLI starts. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the whole test suite (mvn -B verify on JDK 21 or newer).",
        footerHeading = "%nExample:%n",
        footer = {"  ./whale test", "  ./whale test -Dtest=DemoTest -Dsurefire.failIfNoSpecifiedTests=false"})
public final class TestCommand implements Runnable {
    @Override
    public void run() {
        throw new Errors.UsageException("the test suite runs through the launcher: ./whale test");
    }
}
