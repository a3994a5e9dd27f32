package dev.jpamigrate.cli;

import dev.jpamigrate.run.LiquibaseRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Releases a migration lock left behind by a killed run. */
@Command(name = "unlock", description = "Release the migration lock (databasechangeloglock) a killed run left behind."
        + " Only when no migration is running.")
final class UnlockCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Override
    public Integer call() {
        return root.withDatabase(MigrateCommand.IfNoChangelogs.UNUSED, engine -> {
            Optional<LiquibaseRunner.Lock> released = engine.lifecycle(Duration.ZERO, line -> { }, l -> l.unlock());
            root.out().println(released.map(l -> "Released the migration lock " + l.describe())
                    .orElse("The migration lock is not held: nothing to release"));
            return ExitCode.OK;
        });
    }
}
