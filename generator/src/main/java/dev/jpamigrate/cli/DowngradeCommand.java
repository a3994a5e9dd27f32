package dev.jpamigrate.cli;

import dev.jpamigrate.run.Lifecycle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** Reverts the most recent migration files. */
@Command(name = "downgrade", description = "Revert the last N migration files (default 1), all of their changeSets.")
final class DowngradeCommand implements Callable<Integer> {
    @ParentCommand
    MigrateCommand root;

    @Parameters(arity = "0..1", defaultValue = "1", paramLabel = "N", description = "How many migration files to revert.")
    int files;

    @Option(names = "--sql", description = "Print the rollback SQL; change nothing.")
    boolean sql;

    @Mixin
    LockOption lock;

    @Override
    public Integer call() {
        if (files < 1) {
            root.err().println("error: N must be at least 1");
            return ExitCode.ERROR;
        }
        return root.withDatabase(engine -> {
            if (sql) {
                engine.lifecycle(lock.duration(), line -> { }, l -> l.downgrade(files, root.out()));
                root.out().flush();
                return ExitCode.OK;
            }
            root.info("Downgrading " + engine.where());
            Lifecycle.Outcome outcome = engine.lifecycle(lock.duration(), root::info, l -> l.downgrade(files, null));
            root.out().println("Downgraded to " + (outcome.after().current().isEmpty() ? "base (no migration applied)"
                    : Printer.revision(outcome.after())) + ": " + outcome.changeSets()
                    + " changeSet(s) in " + outcome.migrations().size() + " migration(s) reverted");
            return ExitCode.OK;
        });
    }
}
