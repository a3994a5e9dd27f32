package dev.jpamigrate.cli;

import picocli.CommandLine;

import java.nio.file.Path;

/** The {@code migrate} launcher's entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(MigrateCommand.commandLine(System.getenv(), Path.of("").toAbsolutePath()).execute(args));
    }
}
