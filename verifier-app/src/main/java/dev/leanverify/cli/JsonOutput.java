package dev.leanverify.cli;

import picocli.CommandLine.Option;

/** The {@code --json} switch shared by the commands that print a report: machine-readable output on stdout. */
final class JsonOutput {
    @Option(names = "--json", description = "Print the result as JSON on stdout (readable text otherwise).")
    boolean enabled;
}
