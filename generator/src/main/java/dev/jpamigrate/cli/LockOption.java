package dev.jpamigrate.cli;

import picocli.CommandLine.Option;

import java.time.Duration;

/** How long a command that changes the database waits for a migration lock another run holds. */
final class LockOption {
    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Wait this long for a migration lock held by another run (default: ${DEFAULT-VALUE}).")
    long seconds;

    Duration duration() {
        return Duration.ofSeconds(Math.max(0, seconds));
    }
}
