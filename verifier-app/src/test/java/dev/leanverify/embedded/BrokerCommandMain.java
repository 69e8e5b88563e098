package dev.leanverify.embedded;

import dev.leanverify.cli.BrokerCommand;
import picocli.CommandLine;

/** Test-only entry point running just the {@code broker} command, as its own OS process. */
public final class BrokerCommandMain {
    private BrokerCommandMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BrokerCommand()).execute(args));
    }
}
