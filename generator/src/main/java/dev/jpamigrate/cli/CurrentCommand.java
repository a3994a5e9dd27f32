package dev.jpamigrate.cli;

import dev.jpamigrate.run.Lifecycle;
import dev.jpamigrate.run.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.concurrent.Callable;

/** The revision the database is at. */
@Command(name = "current", description = "Show the applied revision, marked (head) when nothing is pending.")
final class CurrentCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Override
    public Integer call() {
        return root.withDatabase(engine -> {
            Status status = engine.lifecycle(Duration.ZERO, line -> { }, Lifecycle::status);
            root.out().println(Printer.revision(status));
            Printer.missingFiles(root.err(), status);
            return ExitCode.OK;
        });
    }
}
